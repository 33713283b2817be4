"""Translated names of audit actions, for people reading the log."""

from flask_babel import lazy_gettext as _l

from app.audit.services import AuditAction

ACTION_LABELS = {
    AuditAction.LOGIN: _l("Signed in"),
    AuditAction.LOGIN_FAILED: _l("Failed sign-in"),
    AuditAction.LOGOUT: _l("Signed out"),
    AuditAction.TWO_FACTOR_FAILED: _l("Wrong two-factor code"),
    AuditAction.TWO_FACTOR_ENABLED: _l("Two-factor sign-in turned on"),
    AuditAction.TWO_FACTOR_DISABLED: _l("Two-factor sign-in turned off"),
    AuditAction.RECOVERY_CODE_USED: _l("Recovery code used"),
    AuditAction.PASSWORD_CHANGED: _l("Password changed"),
    AuditAction.PASSWORD_RESET: _l("Password reset"),
    AuditAction.EMAIL_CHANGED: _l("Email address changed"),
    AuditAction.SESSION_EXPIRED: _l("Session expired"),
    AuditAction.FORUM_CREATED: _l("Forum created"),
    AuditAction.FORUM_SETTINGS_CHANGED: _l("Forum settings changed"),
    AuditAction.FORUM_STATUS_CHANGED: _l("Forum status changed"),
    AuditAction.ROLE_GRANTED: _l("Role granted"),
    AuditAction.ROLE_REVOKED: _l("Role revoked"),
    AuditAction.SITE_ADMIN_GRANTED: _l("Made site administrator"),
    AuditAction.REGISTRATION_DECIDED: _l("Registration decided"),
    AuditAction.ACTIVITY_DECIDED: _l("Activity decided"),
    AuditAction.PERSONAL_DATA_EXPORTED: _l("Personal data exported"),
    AuditAction.PERSONAL_DATA_DOWNLOADED: _l("Own data downloaded"),
    AuditAction.EXPORT_REFUSED: _l("Export refused (lockdown)"),
    AuditAction.RULE_OVERRIDDEN: _l("Rule overridden"),
    AuditAction.DELETED: _l("Deleted"),
    AuditAction.ACCOUNT_DELETED: _l("Account deleted"),
    AuditAction.HIDDEN_FROM_PUBLIC: _l("Hidden from public pages"),
    AuditAction.CONTACT_DATA_PURGED: _l("Contact data deleted (retention)"),
    AuditAction.LOCKDOWN_STARTED: _l("Lockdown started"),
    AuditAction.LOCKDOWN_ENDED: _l("Lockdown ended"),
    AuditAction.DATA_KEY_ROTATED: _l("Data key rotated"),
    AuditAction.ORGANIZATION_CREATED: _l("Organization created"),
    AuditAction.ORGANIZATION_CHANGED: _l("Organization profile changed"),
    AuditAction.ORGANIZATION_MEMBER_ADDED: _l("Member added to an organization"),
    AuditAction.ORGANIZATION_MEMBER_REMOVED: _l("Member left or removed from an organization"),
    AuditAction.ORGANIZATION_INVITATION_SENT: _l("Invitation to an organization sent"),
    AuditAction.ORGANIZATION_INVITATION_CANCELLED: _l("Invitation to an organization cancelled"),
    AuditAction.ORGANIZATION_INVITATION_ANSWERED: _l("Invitation to an organization answered"),
    AuditAction.ORGANIZATION_JOIN_REQUESTED: _l("Asked to join an organization"),
    AuditAction.ORGANIZATION_JOIN_REQUEST_ANSWERED: _l("Request to join an organization answered"),
    AuditAction.REGISTRATION_CREATED: _l("Registration made"),
    AuditAction.REGISTRATION_UPDATED: _l("Registration changed"),
    AuditAction.REGISTRATION_WITHDRAWN: _l("Registration withdrawn"),
    AuditAction.ORGANIZATIONS_IMPORTED: _l("Organizations imported from a file"),
    AuditAction.MERGE_PROPOSED: _l("Merge of activities proposed"),
    AuditAction.MERGE_ANSWERED: _l("Merge of activities answered"),
    AuditAction.MERGE_COMPLETED: _l("Activities merged"),
    AuditAction.MERGE_CANCELLED: _l("Merge of activities cancelled"),
    AuditAction.ACTIVITY_CREATED: _l("Activity proposal started"),
    AuditAction.ACTIVITY_SUBMITTED: _l("Activity proposal submitted"),
    AuditAction.ACTIVITY_WITHDRAWN: _l("Activity withdrawn"),
    AuditAction.CO_ORGANIZER_INVITED: _l("Co-organizer invited"),
    AuditAction.CO_ORGANIZER_ANSWERED: _l("Co-organizer invitation answered"),
    AuditAction.SCHEDULE_SUGGESTION_APPLIED: _l("Suggested schedule accepted"),
    AuditAction.SCHEDULE_PUBLISHED: _l("Programme version published"),
    AuditAction.SHIFT_RULE_OVERRIDDEN: _l("Shift rule overridden"),
    AuditAction.VOLUNTEER_DECIDED: _l("Volunteer approved or turned down"),
    AuditAction.INTERPRETER_ASSIGNED: _l("Interpreter assigned to a session"),
    AuditAction.INTERPRETER_UNASSIGNED: _l("Interpreter taken off a session"),
    AuditAction.INTERPRETER_DECIDED: _l("Interpreter approved or turned down"),
    AuditAction.INTERPRETER_WITHDREW_FROM_SESSION: _l("Interpreter gave back a session"),
}


def action_label(action: str):
    try:
        return ACTION_LABELS[AuditAction(action)]
    except ValueError:
        return action
