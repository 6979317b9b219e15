from senda.people.models.child_details import ChildDetailsChange
from senda.people.models.children import SEN_TYPES, UPN_UNKNOWN_REASONS, Child, FamilyContact
from senda.people.models.families import CapacityDecision, ContactChange, Delegation
from senda.people.models.groups import ChildGroupPeriod
from senda.people.models.notices import PublicNotices
from senda.people.models.partners import AccessGrant, AdviceTeam, SettingMember
from senda.people.models.places import LocalAuthority, Setting
from senda.people.models.sign_in import SignInLink
from senda.people.models.staff import CASEWORK_WRITE_ROLES, Membership, Role
from senda.people.models.training import (
    Attendance,
    Course,
    Post,
    Programme,
    Service,
    Trainee,
    TrainingSession,
)

__all__ = [
    "CASEWORK_WRITE_ROLES",
    "SEN_TYPES",
    "UPN_UNKNOWN_REASONS",
    "AccessGrant",
    "AdviceTeam",
    "Attendance",
    "CapacityDecision",
    "Child",
    "ChildDetailsChange",
    "ChildGroupPeriod",
    "ContactChange",
    "Course",
    "Delegation",
    "FamilyContact",
    "LocalAuthority",
    "Membership",
    "Post",
    "Programme",
    "PublicNotices",
    "Role",
    "Service",
    "Setting",
    "SettingMember",
    "SignInLink",
    "Trainee",
    "TrainingSession",
]
