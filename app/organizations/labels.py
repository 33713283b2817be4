"""Translated names of the organizations feature's codes."""

from flask_babel import lazy_gettext as _l

from app.organizations.models import Gender, LegalStatus, OrganizationType, RegistrationStatus

ORGANIZATION_TYPE = {
    OrganizationType.NGO: _l("NGO"),
    OrganizationType.TRADE_UNION: _l("Trade union"),
    OrganizationType.SOCIAL_MOVEMENT: _l("Social movement"),
    OrganizationType.YOUTH_GROUP: _l("Youth group"),
    OrganizationType.WOMENS_ORGANIZATION: _l("Women's organization"),
    OrganizationType.MEDIA: _l("Media"),
    OrganizationType.STUDENT_GROUP: _l("Student group"),
    OrganizationType.NETWORK: _l("Network or coalition"),
    OrganizationType.INTERNATIONAL_PARTNER: _l("International partner"),
    OrganizationType.INFORMAL_COLLECTIVE: _l("Informal collective"),
}

LEGAL_STATUS = {
    LegalStatus.REGISTERED_BAGHDAD: _l("Registered with the NGO Directorate in Baghdad"),
    LegalStatus.REGISTERED_KURDISTAN: _l(
        "Registered with the NGO Directorate of the Kurdistan Region"
    ),
    LegalStatus.INFORMAL: _l("Not registered (informal)"),
}

# Fields of work: codes kept on the organization, names shown in the reader's language.
FIELDS_OF_WORK = {
    "human_rights": _l("Human rights"),
    "womens_rights": _l("Women's rights"),
    "labour": _l("Workers' rights"),
    "environment": _l("Environment and water"),
    "media_freedom": _l("Freedom of expression and media"),
    "youth": _l("Youth"),
    "minorities": _l("Minorities"),
    "peace": _l("Peace and coexistence"),
    "education": _l("Education"),
    "health": _l("Health"),
    "culture": _l("Culture and arts"),
    "sports": _l("Sports"),
    "relief": _l("Relief and displaced people"),
    "democracy": _l("Democracy and elections"),
    "anti_corruption": _l("Transparency and anti-corruption"),
    "disability": _l("Rights of people with disabilities"),
}

REGISTRATION_STATUS = {
    RegistrationStatus.PENDING: _l("Waiting for review"),
    RegistrationStatus.APPROVED: _l("Approved"),
    RegistrationStatus.WAITLISTED: _l("On the waiting list"),
    RegistrationStatus.REJECTED: _l("Not accepted"),
    RegistrationStatus.WITHDRAWN: _l("Withdrawn"),
}

GENDER = {
    Gender.WOMAN: _l("Woman"),
    Gender.MAN: _l("Man"),
    Gender.OTHER: _l("Other"),
}


def organization_type_label(code: str) -> str:
    return str(ORGANIZATION_TYPE.get(OrganizationType(code), code))


def registration_status_label(code: str) -> str:
    return str(REGISTRATION_STATUS[RegistrationStatus(code)])
