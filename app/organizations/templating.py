"""Template helpers of the organizations feature: labels of its codes."""

from flask import Flask

from app.organizations import labels


def register_organization_template_helpers(app: Flask) -> None:
    app.jinja_env.globals.update(
        organization_type_label=labels.organization_type_label,
        registration_status_label=labels.registration_status_label,
        field_of_work_label=lambda code: str(labels.FIELDS_OF_WORK.get(code, code)),
        gender_label=lambda code: str(labels.GENDER.get(code, "")) if code else "",
    )
