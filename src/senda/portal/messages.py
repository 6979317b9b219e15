"""What Senda sends, in plain English: one entry per message, the same text in the outbox
and in the GOV.UK Notify template of the same name (docs/portal/notifications.md).

Rules (docs/portal.md, "Messages"): say what changed and what to do by when; never who it
is about — no child's name, date of birth, school, needs or plan content in a subject,
body, Notify reference or SMS; an opaque case reference (``R-…``) and a link into Senda,
where the detail sits behind sign-in. Personalisation keys are ``((name))`` placeholders.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Template:
    key: str
    subject: str
    body: str
    #: The placeholders the body needs (checked when a message is queued).
    fields: tuple[str, ...]


TEMPLATES: dict[str, Template] = {
    t.key: t
    for t in (
        Template(
            "invitation",
            "You have been invited to use Senda",
            "Dear ((name)),\n\n((council)) has invited you to use Senda, its service for "
            "education, health and care plans, as ((role)).\n\nSet your password by "
            "((expires)): ((link))\n\nThe link works once. If you were not expecting this, "
            "you can ignore this email.",
            ("name", "council", "role", "expires", "link"),
        ),
        Template(
            "family_invitation",
            "Your Senda account",
            "Dear ((name)),\n\n((council)) has made you an account on Senda. Senda is where "
            "you can see the education, health and care plan record ((whose)). You can see "
            "what is happening and what comes next.\n\nSet your password by ((expires)): "
            "((link))\n\nThe link works once. If you were not expecting this email, you can "
            "ignore it, or call the council.",
            ("name", "council", "whose", "expires", "link"),
        ),
        Template(
            "review_coming_up",
            "An annual review is coming up",
            "Dear ((name)),\n\nAn annual review is due by ((due)) (case ((reference))). "
            "Set the meeting date and send invitations at least 2 weeks before it.\n\n"
            "Sign in to see the review: ((link))",
            ("name", "due", "reference", "link"),
        ),
        Template(
            "report_due",
            "An annual review report is due",
            "Dear ((name)),\n\nThe report of the review meeting held on ((meeting)) is due "
            "by ((due)) (case ((reference))). The law gives 2 weeks after the meeting.\n\n"
            "Sign in to finish and send it: ((link))",
            ("name", "meeting", "due", "reference", "link"),
        ),
        Template(
            "report_chaser",
            "An annual review report is late",
            "Dear ((name)),\n\nThe report of the review meeting held on ((meeting)) was due "
            "on ((due)) and has not reached the council (case ((reference))).\n\n"
            "Please send it as soon as you can: ((link))",
            ("name", "meeting", "due", "reference", "link"),
        ),
        Template(
            "report_returned",
            "An annual review report needs changes",
            "Dear ((name)),\n\nThe council has returned a review report to you (case "
            "((reference))): ((reason))\n\nSign in to change it and send it again: ((link))",
            ("name", "reference", "reason", "link"),
        ),
        Template(
            "advice_request",
            "The council asks for your advice",
            "Dear ((name)),\n\n((council)) asks ((team)) for advice by ((due)) (case "
            "((reference))).\n\nSign in to see the request and send your advice: ((link))",
            ("name", "council", "team", "due", "reference", "link"),
        ),
        Template(
            "advice_reminder",
            "Advice is due soon",
            "Dear ((name)),\n\nAdvice from ((team)) is due by ((due)) (case ((reference))).\n\n"
            "Sign in to send it, or to say you are not involved: ((link))",
            ("name", "team", "due", "reference", "link"),
        ),
        Template(
            "advice_chaser",
            "Advice is late",
            "Dear ((name)),\n\nAdvice from ((team)) was due on ((due)) and has not reached "
            "the council (case ((reference))).\n\nPlease send it as soon as you can, or say "
            "you are not involved: ((link))",
            ("name", "team", "due", "reference", "link"),
        ),
        Template(
            "advice_feedback",
            "Feedback on your team's advice",
            "Dear ((name)),\n\n((council)) has read advice from ((team)) (case ((reference))) "
            "and written feedback for your team.\n\nSign in to read it: ((link))",
            ("name", "council", "team", "reference", "link"),
        ),
        Template(
            "family_document",
            "We have sent you a document",
            "Dear ((name)),\n\n((council)) has put a new document in your account: "
            "((kind)) (case ((reference))).\n\nSign in to read it: ((link))",
            ("name", "council", "kind", "reference", "link"),
        ),
        Template(
            "family_survey",
            "Tell us how it went",
            "Dear ((name)),\n\nWe would like to know how things went (case ((reference))). "
            "It takes about 2 minutes. You can answer until ((closes)).\n\n"
            "Sign in to tell us: ((link))",
            ("name", "reference", "closes", "link"),
        ),
        Template(
            "family_representation",
            "A family has commented on a draft",
            "Dear ((name)),\n\nA family has sent comments on a draft plan or amendment notice "
            "(case ((reference))). Their time to comment ends on ((ends)).\n\n"
            "Sign in to read them: ((link))",
            ("name", "reference", "ends", "link"),
        ),
        Template(
            "family_message",
            "A family has sent you a message",
            "Dear ((name)),\n\nA family has sent you a message (case ((reference))). "
            "Please reply by ((due)).\n\nSign in to read it and reply: ((link))",
            ("name", "reference", "due", "link"),
        ),
        Template(
            "family_message_received",
            "We have your message",
            "We have your message (case ((reference))). Your officer will reply by ((due)).\n\n"
            "Sign in to see your messages: ((link))",
            ("reference", "due", "link"),
        ),
        Template(
            "family_message_reply",
            "Your officer has replied",
            "Your officer has replied to your message (case ((reference))).\n\n"
            "Sign in to read the reply: ((link))",
            ("reference", "link"),
        ),
        Template(
            "online_request_received",
            "We have your request for an assessment",
            "Thank you. ((council)) has your request for an education, health and care needs "
            "assessment. Your reference is ((reference)).\n\nWe will check who you are first. "
            "We may phone or email you.\n\nBy law, we must tell you by ((decide_by)) if we "
            "will assess.\n\nIf you did not ask for this, call the council.",
            ("council", "reference", "decide_by"),
        ),
        Template(
            "online_request_accepted",
            "We have checked your request",
            "We have checked your request for an assessment (reference ((reference))). It is "
            "now with ((council))'s SEND team (case ((case_reference))).\n\nBy law, we must "
            "tell you by ((decide_by)) if we will assess.",
            ("reference", "council", "case_reference", "decide_by"),
        ),
        Template(
            "online_request_rejected",
            "About your request for an assessment",
            "We could not accept your request for an assessment (reference ((reference))). "
            "The reason is: ((reason)).\n\nIf you think this is wrong, or you want to ask "
            "again, call ((council))'s SEND team.",
            ("reference", "reason", "council"),
        ),
    )
}


def render(key: str, personalisation: dict[str, str]) -> tuple[str, str]:
    """The subject and body of message ``key`` with its placeholders filled in."""
    template = TEMPLATES[key]
    body = template.body
    for name in template.fields:
        body = body.replace(f"(({name}))", str(personalisation.get(name, "")))
    return template.subject, body
