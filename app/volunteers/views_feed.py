"""A volunteer's shifts as a calendar (``/<forum>/volunteer/calendar/<token>.ics``,
``/<forum>/volunteer/my-shifts.ics`` and a new address): app/core/feed_views.py's
routes, fed with the volunteer's shifts."""

from app.core.feed_views import PersonalCalendar, add_calendar_routes
from app.volunteers.blueprints import volunteering_bp
from app.volunteers.feed import renew_feed_address, shifts_calendar, volunteer_by_feed_token
from app.volunteers.views_signup import active_volunteer, to_sign_up

add_calendar_routes(
    volunteering_bp,
    "/my-shifts.ics",
    PersonalCalendar(
        by_token=volunteer_by_feed_token,
        signed_in_holder=active_volunteer,
        outsider=to_sign_up,
        calendar=shifts_calendar,
        renew=renew_feed_address,
        file_prefix="shifts",
        back="volunteering.my_shifts",
    ),
)
