"""The display labels of Instagram's `string_map_data` records, in the languages downloads come in.

Instagram translates the keys of its label/value records into the account's language ("Email",
"E-Mail-Adresse", "Adresse e-mail"). Each concept below lists the spellings known; matching is
case-insensitive. A label that is not known is still read: its value is classified by its shape
(an e-mail address, a phone number) or kept as an "other" profile field so that nothing is lost.
"""

from __future__ import annotations

import re
from enum import StrEnum


class Concept(StrEnum):
    EMAIL = "email"
    PHONE = "phone"
    BIO = "bio"
    NAME = "name"
    USERNAME = "username"
    WEBSITE = "website"
    CITY = "city"
    IP = "ip"
    TIME = "time"
    PHONE_CONFIRMED = "phone_confirmed"
    CATEGORY = "category"
    ADDRESS = "address"
    COMMENT = "comment"
    MEDIA_OWNER = "media_owner"
    CHANGED = "changed"
    PREVIOUS = "previous"
    NEW = "new"
    EMPLOYER = "employer"
    JOB_TITLE = "job_title"
    POSTCODE = "postcode"
    IGNORED = "ignored"  # known, and not about who the person is or where they work


_SPELLINGS: dict[Concept, tuple[str, ...]] = {
    Concept.EMAIL: (
        "Email",
        "E-mail",
        "E-Mail",
        "Email address",
        "E-mail address",
        "Email Address",
        "E-Mail-Adresse",
        "Adresse e-mail",
        "Adresse électronique",
        "Correo electrónico",
        "E-mailadres",
        "Indirizzo e-mail",
        "Indirizzo email",
        "Endereço de e-mail",
        "E-postadress",
        "E-postadresse",
        "E-mailadresse",
        "Sähköposti",
        "Adres e-mail",
        "E-mailová adresa",
    ),
    Concept.PHONE: (
        "Phone Number",
        "Phone number",
        "Phone",
        "Telephone",
        "Mobile number",
        "Telefonnummer",
        "Handynummer",
        "Numéro de téléphone",
        "Número de teléfono",
        "Telefoonnummer",
        "Numero di telefono",
        "Número de telefone",
        "Telefonní číslo",
        "Numer telefonu",
        "Puhelinnumero",
    ),
    Concept.BIO: ("Bio", "Biography", "Biografie", "Biographie", "Biografía", "Biografia", "Biografi"),
    Concept.NAME: ("Name", "Full Name", "Nom", "Nombre", "Naam", "Nome", "Jméno", "Navn", "Namn", "Nimi"),
    Concept.USERNAME: (
        "Username",
        "User Name",
        "Benutzername",
        "Nom d'utilisateur",
        "Nombre de usuario",
        "Gebruikersnaam",
        "Nome utente",
        "Nome de usuário",
        "Uživatelské jméno",
        "Nazwa użytkownika",
        "Brugernavn",
        "Användarnamn",
        "Brukernavn",
        "Käyttäjänimi",
    ),
    Concept.WEBSITE: (
        "Website",
        "Web site",
        "Webseite",
        "Website-URL",
        "Site web",
        "Sitio web",
        "Sito web",
        "Site",
        "Webstek",
        "Webová stránka",
    ),
    Concept.CITY: (
        "City Name",
        "City",
        "Stadt",
        "Ort",
        "Ville",
        "Ciudad",
        "Stad",
        "Città",
        "Cidade",
        "Město",
        "Miasto",
        "By",
        "Kaupunki",
    ),
    Concept.IP: (
        "IP Address",
        "IP address",
        "IP",
        "IP-Adresse",
        "Adresse IP",
        "Dirección IP",
        "IP-adres",
        "Indirizzo IP",
        "Endereço IP",
        "IP-adresse",
        "IP-adress",
    ),
    Concept.TIME: (
        "Time",
        "Date",
        "Date and Time",
        "Change Date",
        "GPS Time Uploaded",
        "Tijd",
        "Zeit",
        "Datum",
        "Heure",
        "Hora",
        "Data",
        "Čas",
        "Tid",
    ),
    Concept.PHONE_CONFIRMED: ("Phone Confirmed", "Phone number confirmed", "Telefonnummer bestätigt"),
    Concept.CATEGORY: ("Category", "Business Category", "Page Category", "Kategorie", "Catégorie", "Categoría"),
    Concept.ADDRESS: ("Address", "Street Address", "Business Address", "Adresse", "Dirección", "Adres"),
    Concept.EMPLOYER: (
        "Company",
        "Company Name",
        "Organization",
        "Organisation",
        "Employer",
        "Firma",
        "Entreprise",
        "Empresa",
    ),
    Concept.JOB_TITLE: ("Job Title", "Job title", "Position", "Berufsbezeichnung", "Poste"),
    Concept.POSTCODE: (
        "Postal Code",
        "Postcode",
        "ZIP Code",
        "Zip Code",
        "Postleitzahl",
        "Code postal",
        "Código postal",
    ),
    Concept.COMMENT: ("Comment", "Kommentar", "Commentaire", "Comentario", "Opmerking", "Reactie", "Commento"),
    Concept.MEDIA_OWNER: ("Media Owner", "Owner", "Author", "Auteur", "Autor", "Medieninhaber"),
    Concept.CHANGED: ("Changed", "Field", "Geändert", "Modifié"),
    Concept.PREVIOUS: ("Previous Value", "Old Value", "Vorheriger Wert", "Valeur précédente"),
    Concept.NEW: ("New Value", "Neuer Wert", "Nouvelle valeur"),
    Concept.IGNORED: (
        "Gender",
        "Date of birth",
        "Private Account",
        "Phone Confirmation Method",
        "Music on profile",
        "Profile Photo",
        "Device",
        "Port",
        "Language Code",
        "User Agent",
        "Cookie Name",
        "Business Objectives",
        "Business Connection Methods",
        "Geschlecht",
        "Geburtsdatum",
        "Genre",
        "Date de naissance",
        "Sexo",
        "Fecha de nacimiento",
        "Email Confirmed",
        "Is Profile Picture",
        "Account type",
        "Contact Syncing",
        "First Country Code",
        "Has Shared Live Video",
        "Last Login",
        "Last Logout",
        "Private account",
    ),
}

_BY_LABEL: dict[str, Concept] = {
    spelling.casefold(): concept for concept, spellings in _SPELLINGS.items() for spelling in spellings
}

EMAIL_SHAPE = re.compile(r"^[^@\s]+@[^@\s]+\.[A-Za-z]{2,}$")
PHONE_SHAPE = re.compile(r"^\+?[\d\s().-]{8,20}$")


def concept_of(label: str) -> Concept | None:
    """The concept a display label stands for, None when the label is not known."""
    return _BY_LABEL.get(" ".join(label.split()).casefold())


def concept_by_shape(value: str) -> Concept | None:
    """EMAIL or PHONE when a value of an unknown label looks like one; None otherwise."""
    text = value.strip()
    if EMAIL_SHAPE.match(text):
        return Concept.EMAIL
    if PHONE_SHAPE.match(text) and sum(c.isdigit() for c in text) >= 8 and not re.search(r"\d{4}-\d\d-\d\d", text):
        return Concept.PHONE
    return None


def is_true(value: str) -> bool:
    return value.strip().casefold() in {"true", "yes", "1", "ja", "oui", "sí", "si", "wahr"}
