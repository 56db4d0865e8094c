#!/usr/bin/env python3
"""Generates the synthetic Exempelkommun dataset (deterministic).

Run from this folder: `python3 generate.py`. Every person, pseudonym and
figure is invented; nothing comes from a real register. The Rust crate embeds
the generated files (see src/demo.rs); rerunning gives the same bytes.
"""
import random
from datetime import date, timedelta

rng = random.Random(20260831)
# The months after the as-of month draw from their own generator, so that
# adding them left every other file (and January–August) byte for byte as it was.
later_rng = random.Random(20261231)
YEAR = 2026
AS_OF = 8  # August: the manifest's as-of month
LEDGER_MONTHS = 12  # a full year of ledger data; months after AS_OF are outcome after the report

# ansvar, unit path, verksamhet, {konto: annual budget in kr, SIE signs: costs positive}
UNITS = [
    ("1100", "ÄO/HT", "510", {"5011": 118_400_000, "6110": 3_200_000, "7010": 9_800_000, "3110": -14_600_000}),
    ("1200", "ÄO/SÄBO", "511", {"5011": 162_300_000, "6110": 41_500_000, "7010": 12_400_000, "3110": -28_900_000}),
    ("1300", "ÄO/HSL", "512", {"5011": 46_800_000, "7010": 5_100_000, "3510": -2_400_000}),
    ("2100", "IFO/BoU", "520", {"5011": 31_200_000, "4610": 40_000_000, "7010": 2_600_000}),
    ("2200", "IFO/EKB", "530", {"5011": 9_800_000, "4710": 30_000_000}),
    ("2300", "IFO/VoM", "540", {"5011": 12_100_000, "4610": 14_500_000, "7010": 1_300_000}),
    ("3100", "FS/BOS", "550", {"5011": 74_600_000, "6110": 18_900_000, "7010": 4_200_000, "3110": -6_300_000}),
    ("3200", "FS/DV", "551", {"5011": 28_700_000, "6110": 5_600_000, "7010": 2_900_000}),
    ("3300", "FS/PA", "552", {"5011": 61_500_000, "3510": -24_000_000}),
]

# Annual outcome relative to budget (a run-rate deviation) per (ansvar, konto).
DEVIATION = {
    ("1100", "5011"): 1.045,  # hemtjänst: more hours than planned
    ("1200", "5011"): 0.965,  # SÄBO: vacancies
    ("2100", "4610"): 1.22,   # placements of children and young people
    ("2200", "4710"): 1.12,   # ekonomiskt bistånd
    ("2300", "4610"): 1.06,
    ("3300", "3510"): 0.84,   # assistansersättning from Försäkringskassan below budget
    ("3100", "5011"): 1.015,
}

def pseudonym():
    """A synthetic pseudonym: letters first, so it never looks like a personnummer."""
    return "p-" + "".join(rng.choice("bcdfghjkmnpqrstvwxz") for _ in range(4)) + "".join(rng.choice("0123456789") for _ in range(4))

def money(x):
    return f"{x:.2f}"

with open("budget.csv", "w", encoding="utf-8", newline="\n") as f:
    f.write("ansvar,verksamhet,konto,budget\n")
    for ansvar, _, verks, accounts in UNITS:
        for konto, amount in accounts.items():
            f.write(f"{ansvar},{verks},{konto},{money(amount)}\n")

with open("ledger.csv", "w", encoding="utf-8", newline="\n") as f:
    f.write("datum,ansvar,verksamhet,konto,belopp\n")
    for month in range(1, LEDGER_MONTHS + 1):
        r = rng if month <= AS_OF else later_rng
        mid = date(YEAR, month, 15)
        end = (date(YEAR, month + 1, 1) - timedelta(days=1)) if month < 12 else date(YEAR, 12, 31)
        for ansvar, _, verks, accounts in UNITS:
            for konto, amount in accounts.items():
                factor = DEVIATION.get((ansvar, konto), 1.0)
                # The deviations grow over the year: the first months are close to budget.
                drift = 1.0 + (factor - 1.0) * min(1.0, 0.4 + month / 10)
                monthly = amount / 12 * drift * (1 + r.uniform(-0.03, 0.03))
                if konto == "5011" and month == 7:
                    monthly *= 1.08  # summer substitutes
                if konto == "5011" and month == 12:
                    monthly *= 1.04  # December: holiday pay and year-end accruals
                first = round(monthly * r.uniform(0.35, 0.55), 2)
                f.write(f"{mid.isoformat()},{ansvar},{verks},{konto},{money(first)}\n")
                f.write(f"{end.isoformat()},{ansvar},{verks},{konto},{money(round(monthly - first, 2))}\n")

# Staff continuity: a 14-day window from Monday 2 March 2026, two home-care areas.
start = date(YEAR, 3, 2)
with open("besok.csv", "w", encoding="utf-8", newline="\n") as f:
    f.write("brukare,fodd,personal,start,slut,typ,enhet\n")
    for n in range(16):
        recipient = pseudonym()
        born = date(rng.randint(1928, 1957), rng.randint(1, 12), rng.randint(1, 28))
        unit = "Hemtjänst Norr" if n % 2 == 0 else "Hemtjänst Söder"
        pool_size = rng.randint(8, 22)
        pool = [f"s-{unit[10]}{rng.randint(100, 999)}" for _ in range(pool_size)]
        for day in range(14):
            d = start + timedelta(days=day)
            visits = rng.randint(2, 4)
            if n == 15 and day == 6:
                visits = 0  # in hospital for a day: excluded by the national definition
            for v in range(visits):
                hour = [7, 11, 16, 20][v]
                minute = rng.choice([0, 10, 20, 30, 40])
                staff = rng.choice(pool)
                typ = "omsorg" if v != 1 else rng.choice(["omsorg", "service"])
                s = f"{d.isoformat()}T{hour:02d}:{minute:02d}"
                e = f"{d.isoformat()}T{hour:02d}:{minute + 15:02d}"
                f.write(f"{recipient},{born.isoformat()},{staff},{s},{e},{typ},{unit}\n")
            if day % 3 == 0:
                f.write(f"{recipient},{born.isoformat()},larm-01,{d.isoformat()}T02:10,{d.isoformat()}T02:30,trygghetslarm,{unit}\n")

# Decisions (ej verkställda beslut), 2025 and 2026.
INSATSER = [
    ("SoL", "särskilt boende"), ("SoL", "särskilt boende"), ("SoL", "hemtjänst"),
    ("SoL", "kontaktperson/kontaktfamilj"), ("SoL", "boendestöd"),
    ("LSS", "bostad med särskild service för vuxna"), ("LSS", "daglig verksamhet"),
    ("LSS", "kontaktperson"), ("LSS", "korttidsvistelse utanför det egna hemmet"),
]
with open("beslut.csv", "w", encoding="utf-8", newline="\n") as f:
    f.write("id,person,lag,insats,beslutsdatum,kon,fodelsear,erbjudandedatum,tackat_nej_datum,verkstalldatum,avbrottsdatum,aterupptagetdatum,avslutsdatum,avslutsorsak\n")
    for n in range(1, 71):
        law, insats = rng.choice(INSATSER)
        decided = date(2025, 1, 10) + timedelta(days=rng.randint(0, 500))
        if decided > date(YEAR, 6, 20):
            decided = date(YEAR, 6, 20) - timedelta(days=rng.randint(0, 60))
        person = pseudonym()
        gender = rng.choice("KM")
        born = rng.randint(1932, 1946) if law == "SoL" and insats != "kontaktperson/kontaktfamilj" else rng.randint(1960, 2005)
        wait = rng.choice([20, 45, 60, 75, 100, 130, 160, 200, 260, 400])
        executed = decided + timedelta(days=wait)
        ex = executed.isoformat() if executed <= date(YEAR, 8, 31) else ""
        offer = ""
        declined = ""
        if wait >= 130 and rng.random() < 0.3:
            o = decided + timedelta(days=60)
            offer, declined = o.isoformat(), (o + timedelta(days=4)).isoformat()
        f.write(f"EVB-{n:03d},{person},{law},{insats},{decided.isoformat()},{gender},{born},{offer},{declined},{ex},,,,\n")

print("ok")
