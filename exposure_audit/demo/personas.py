"""Invented people for demonstrations and workshops. Every name, address, number and place is made up.

Phone numbers come from Australia's ranges reserved for fiction; e-mail local parts are invented;
coordinates are arbitrary points, not anyone's home.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from exposure_audit.policy.model import Site


@dataclass(frozen=True, slots=True, kw_only=True)
class Spot:
    name: str
    lat: float
    lon: float


@dataclass(frozen=True, slots=True, kw_only=True)
class Persona:
    key: str
    summary: str  # one line for `demo --help` and workshop facilitators
    full_name: str
    username: str
    personal_email: str
    official_email: str  # "" for a careful person
    mobile: str
    work_phone: str  # "" when never shared
    employer: str  # "" when never named
    job_title: str
    city: str
    hometown: str
    colleagues: tuple[str, ...]
    home: Spot
    work: Spot
    cafe: Spot  # the weekday-morning routine stop
    geotag_habit: bool  # whether the camera records location
    posts_about_work: tuple[str, ...]
    everyday_posts: tuple[str, ...]
    platforms: tuple[str, ...] = ("facebook",)
    groups: tuple[str, ...] = field(default=())

    @property
    def site(self) -> Site:
        return Site(name=self.work.name, lat=self.work.lat, lon=self.work.lon, radius_m=400.0)


OFFICER = Persona(
    key="officer",
    summary="a uniformed Border Force officer with a geotag habit",
    full_name="Renée Okonkwo-Hale",
    username="renee.okhale",
    personal_email="renee.okhale@example.com",
    official_email="renee.okonkwo-hale@abf.gov.au",
    mobile="+61 491 570 156",
    work_phone="(02) 5550 4821",
    employer="Australian Border Force",
    job_title="Border Force Officer",
    city="Wollongong, New South Wales",
    hometown="Dubbo",
    colleagues=("Tamsin Ferreira-Byrne", "Kofi Marchetti"),
    home=Spot(name="home", lat=-34.41852, lon=150.87914),
    work=Spot(name="Port Kembla Cargo Examination Hall", lat=-34.46287, lon=150.90143),
    cafe=Spot(name="Crown Lane coffee cart", lat=-34.42611, lon=150.89342),
    geotag_habit=True,
    posts_about_work=(
        "First night shift done with the Border Force crew 💪 #ABF",
        "Passing out parade today! Officially an Australian Border Force officer 🇦🇺",
        "Long day on the wharf, three containers held for inspection. Love my job",
        "Proud of my colleagues at ABF Port Kembla, best team ever",
        "Back in uniform tomorrow, early shift at the cargo hall",
    ),
    everyday_posts=(
        "Sunday swim at North Beach, water was perfect",
        "Our border collie Biscuit turned three today 🎂",
        "Force of habit: coffee before anything else",
        "Binge-watched Border Security again, the airport episodes are wild",
        "Anyone know a good mechanic in Fairy Meadow?",
        "Footy tipping: 7 from 8 this round, 03/2015 - 03/2016 was my best season",
    ),
    platforms=("facebook", "instagram", "linkedin", "x"),
    groups=("ABF Port Kembla Social Club", "Illawarra Ocean Swimmers"),
)

ANALYST = Persona(
    key="analyst",
    summary="a policy analyst whose LinkedIn says too much",
    full_name="Mateus Lindqvist-Oduya",
    username="mateus.lo",
    personal_email="mateus.lo@example.org",
    official_email="mateus.lindqvist-oduya@homeaffairs.gov.au",
    mobile="+61 491 571 266",
    work_phone="(02) 7010 3390",
    employer="Department of Home Affairs",
    job_title="Senior Policy Analyst, Visa Compliance",
    city="Canberra, Australian Capital Territory",
    hometown="Ballarat",
    colleagues=("Priya Hallorsen", "Dominic Achterberg"),
    home=Spot(name="home", lat=-35.25913, lon=149.13472),
    work=Spot(name="Belconnen policy office", lat=-35.23892, lon=149.06651),
    cafe=Spot(name="Lakeside bike path kiosk", lat=-35.28811, lon=149.12412),
    geotag_habit=False,
    posts_about_work=(
        "Big week drafting the new visa compliance framework, can't wait for it to go to Cabinet",
        "Great offsite with the Home Affairs policy team",
    ),
    everyday_posts=(
        "Parkrun PB this morning!",
        "Reading group pick this month is a Scandinavian crime novel",
        "Home affairs of the family: the kids are running the house this weekend",
    ),
    platforms=("facebook", "linkedin"),
    groups=("Canberra Cyclists",),
)

CAREFUL = Persona(
    key="careful",
    summary="a careful officer with almost nothing to find",
    full_name="Ines Whitcombe-Saro",
    username="ines.ws",
    personal_email="ines.ws@example.net",
    official_email="",
    mobile="+61 491 572 549",
    work_phone="",
    employer="",
    job_title="",
    city="Perth, Western Australia",
    hometown="Albany",
    colleagues=(),
    home=Spot(name="home", lat=-31.95012, lon=115.86042),
    work=Spot(name="Fremantle office", lat=-32.05488, lon=115.74561),
    cafe=Spot(name="Kings Park kiosk", lat=-31.96101, lon=115.83112),
    geotag_habit=False,
    posts_about_work=("Proud to work for the Australian Public Service",),
    everyday_posts=(
        "Sunset at Cottesloe",
        "New sourdough starter is alive!",
        "Border collie puppies at the show today, so cute",
    ),
    platforms=("facebook",),
    groups=("Perth Sourdough Bakers",),
)

PERSONAS: dict[str, Persona] = {p.key: p for p in (OFFICER, ANALYST, CAREFUL)}
