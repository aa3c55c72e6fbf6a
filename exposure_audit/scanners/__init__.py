"""The registry of scanners and correlators. Adding a rule means adding its class here; a test
checks that every rule class in the package is registered and that rule ids are unique."""

from __future__ import annotations

from exposure_audit.scanners.account import AccountOnOfficialEmail, CorporateUserId
from exposure_audit.scanners.base import Correlator, Scanner
from exposure_audit.scanners.colleague import ColleaguesNamed, ConnectionsAtEmployer, StaffGroup
from exposure_audit.scanners.compiled import CompiledPolicy
from exposure_audit.scanners.contact import OfficialEmailAddress, WorkLabelledEmail, WorkPhoneNumber, WorkplaceAddress
from exposure_audit.scanners.duties import ClassificationMarking, OfficialDutiesTopic, OfficialPositionWithoutDisclaimer
from exposure_audit.scanners.employer import EmployerGroupOrPage, EmployerInFreeText, EmployerInProfile
from exposure_audit.scanners.location import CoarsePlace, GeotagPresent, WorkLocationGeotag
from exposure_audit.scanners.location_patterns import (
    LikelyHome,
    LikelyWorkplace,
    NetworkLocation,
    SamePlaceAcrossPlatforms,
    WeekdayRoutine,
)
from exposure_audit.scanners.uniform import UniformInPhoto

SCANNERS: tuple[type[Scanner], ...] = (
    EmployerInFreeText,
    EmployerInProfile,
    EmployerGroupOrPage,
    ColleaguesNamed,
    StaffGroup,
    OfficialEmailAddress,
    WorkPhoneNumber,
    WorkplaceAddress,
    WorkLabelledEmail,
    AccountOnOfficialEmail,
    CorporateUserId,
    OfficialDutiesTopic,
    ClassificationMarking,
    GeotagPresent,
    WorkLocationGeotag,
    CoarsePlace,
    UniformInPhoto,
)

CORRELATORS: tuple[type[Correlator], ...] = (
    ConnectionsAtEmployer,
    OfficialPositionWithoutDisclaimer,
    NetworkLocation,
    LikelyHome,
    LikelyWorkplace,
    WeekdayRoutine,
    SamePlaceAcrossPlatforms,
)


def build_scanners(compiled: CompiledPolicy) -> list[Scanner]:
    return [cls(compiled) for cls in SCANNERS]


def build_correlators(compiled: CompiledPolicy) -> list[Correlator]:
    return [cls(compiled) for cls in CORRELATORS]
