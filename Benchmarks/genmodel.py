#!/usr/bin/env python3
"""genmodel.py - deterministic generator of synthetic Orga models for benchmarks.

Modes (see Benchmarks/README.md):

  genmodel.py --lines 100000 --out DIR          multi-file model (~50 files)
  genmodel.py --lines 100000 --time-ranges --out DIR
                                                the same model with a range on every time
  genmodel.py --lines 100000 --time-ranges --volume-ranges --out DIR
                                                ... and on every volume
  genmodel.py --single-process-nodes 2000 --out FILE
                                                one process with N nodes
  genmodel.py --pathological braces|longline|garbage|deep --out FILE
  genmodel.py --check PATH                      run the built-in sanity checker
  genmodel.py --selftest                        generate + check + mutation tests

All output depends only on the arguments (and --seed); nothing is taken from
time or the environment.  Python 3.9+, standard library only.
"""

import argparse
import hashlib
import os
import random
import re
import shutil
import sys
import tempfile
import time

DEFAULT_SEED = 20240630
MODEL_YEAR = 2025

# ---------------------------------------------------------------------------
# Vocabulary
# ---------------------------------------------------------------------------

# 20 grades: name, title, annual cost per fte (EUR)
GRADES = [
    ("E1", "Entgeltgruppe 1 TVöD", 36_900),
    ("E2", "Entgeltgruppe 2 TVöD", 40_300),
    ("E3", "Entgeltgruppe 3 TVöD", 42_800),
    ("E4", "Entgeltgruppe 4 TVöD", 44_900),
    ("E5", "Entgeltgruppe 5 TVöD", 47_200),
    ("E6", "Entgeltgruppe 6 TVöD", 49_600),
    ("E7", "Entgeltgruppe 7 TVöD", 52_400),
    ("E8", "Entgeltgruppe 8 TVöD", 55_300),
    ("E9a", "Entgeltgruppe 9a TVöD", 58_100),
    ("E9b", "Entgeltgruppe 9b TVöD", 61_700),
    ("E9c", "Entgeltgruppe 9c TVöD", 65_200),
    ("E10", "Entgeltgruppe 10 TVöD", 68_900),
    ("E11", "Entgeltgruppe 11 TVöD", 71_600),
    ("E12", "Entgeltgruppe 12 TVöD", 78_400),
    ("E13", "Entgeltgruppe 13 TVöD", 83_900),
    ("E14", "Entgeltgruppe 14 TVöD", 89_700),
    ("E15", "Entgeltgruppe 15 TVöD", 97_300),
    ("A9", "Besoldungsgruppe A 9", 63_800),
    ("A11", "Besoldungsgruppe A 11", 79_900),
    ("A13", "Besoldungsgruppe A 13", 98_900),
]
# grades for ordinary positions (weighted by repetition) and for heads
STAFF_GRADES = ["E5", "E6", "E6", "E8", "E8", "E9a", "E9a", "E9b", "E9b", "E9b",
                "E9c", "E10", "E11", "E11", "E12", "A9", "A11", "E3", "E4", "E7"]
HEAD_GRADES = ["E11", "E12", "E13", "E14", "E15", "A11", "A13"]

TOPICS = ["Ordnung", "Bürgerdienste", "Finanzen", "Personal", "Organisation",
          "Bauaufsicht", "Jugend", "Soziales", "Schule", "Kultur", "Umwelt",
          "Tiefbau", "Grünflächen", "Steuern", "Stadtkasse", "Recht", "IT",
          "Gebäudemanagement", "Standesamt", "Feuerwehr", "Gesundheit",
          "Wirtschaftsförderung", "Stadtplanung", "Vermessung", "Wohnen",
          "Verkehr", "Beschaffung", "Archiv", "Statistik", "Wahlen"]
KINDS = ["Verwaltung", "Dezernat", "Amt", "Abteilung", "Sachgebiet", "Team",
         "Gruppe"]
POS_TITLES = ["Sachbearbeitung", "Sachbearbeitung", "Sachbearbeitung",
              "Fachkraft", "Verwaltungskraft", "Ingenieur/in", "Assistenz",
              "Fachinformatik", "Kassenkraft", "Prüfer/in", "Sekretariat",
              "Sachbearbeitung \\\"Sonderaufgaben\\\""]
EFFORTS = ["Gremienarbeit", "Berichtswesen", "Ausbildung", "Fortbildung",
           "Projektarbeit", "Vertretung", "Öffentlichkeitsarbeit",
           "Datenschutz\\u{2011}Koordination"]
PROC_OBJECTS = ["Wohngeldantrag", "Gewerbeanmeldung", "Bauantrag", "Rechnung",
                "Widerspruch", "Personalausweis", "Meldebescheinigung",
                "Hundesteuer", "Stellenbewertung", "Beschaffung",
                "Sondernutzung", "Führungszeugnis", "Elterngeldantrag",
                "Kita-Platz", "Parkausweis", "Baumfällantrag", "Einbürgerung",
                "Fundsache", "Bußgeldverfahren", "Zuwendungsantrag",
                "Eheschließung", "Reisekostenabrechnung", "Ratsvorlage",
                "Akteneinsicht", "Schülerbeförderung"]
PROC_VERBS = ["bearbeiten", "prüfen", "bescheiden", "ausstellen", "abwickeln",
              "genehmigen"]
STEP_WORDS = ["Eingang", "Prüfen", "Erfassen", "Bewerten", "Abstimmen",
              "Genehmigen", "Bescheiden", "Versenden", "Archivieren", "Anhören",
              "Buchen", "Freigeben", "Klären", "Übermitteln", "Berechnen",
              "Zeichnen", "Scannen", "Ablegen", "Benachrichtigen", "Auszahlen"]
STEP_TITLES = ["Antrag prüfen", "Daten erfassen", "Unterlagen sichten",
               "Bescheid erstellen", "Bescheid zeichnen", "Akte anlegen",
               "Vermerk \\\"erledigt\\\" setzen", "Stellungnahme einholen",
               "Gebühr berechnen", "Zahlung anweisen", "Post versenden",
               "Rückfrage klären", "Fristkontrolle\\u{2013}Wiedervorlage",
               "Ergebnis mitteilen", "Vorgang archivieren",
               "Plausibilität prüfen", "Termin vereinbaren"]
DECIDE_WORDS = ["Vollständig", "Zulässig", "Genehmigt", "Prüfung", "Fall",
                "Betrag", "Eilig"]
DECIDE_TITLES = ["Unterlagen vollständig?", "Antrag zulässig?",
                 "Genehmigung erteilt?", "Sonderfall?", "Betrag über Grenze?",
                 "Eilbedürftig?", "Rückfragen nötig?"]
LOOP_TITLES = ["Unterlagen vollständig?", "Ergebnis in Ordnung?",
               "Prüfung bestanden?", "Angaben plausibel?", "Freigabe erteilt?"]
BRANCH_LABELS2 = [("ja", "nein"), ("vollständig", "unvollständig"),
                  ("Standard", "Sonderfall"), ("positiv", "negativ")]
BRANCH_LABELS3 = [("Standard", "Sonderfall", "Eilfall"),
                  ("genehmigt", "teilweise", "abgelehnt"),
                  ("online", "schriftlich", "persönlich")]
FIX_WORDS = ["Nachfordern", "Nachbessern", "Korrigieren", "Rückfragen"]
ACTORS = [("Bürgerinnen und Bürger", True), ("Personalrat", False),
          ("Rat der Stadt", False), ("Unternehmen", True),
          ("Landesbehörde", True), ("Gutachter/in", True),
          ("Gleichstellungsbeauftragte", False), ("Rechnungsprüfung", False),
          ("Gericht", True), ("Jugendhilfeausschuss", False)]
SYSTEMS = ["enaio DMS", "SAP Finanzen", "OK.EWO Einwohnerwesen", "Fachverfahren",
           "E-Payment", "Online-Antragsportal", "ePost-Strecke", "Geo-Informationssystem",
           "Scanstraße", "Ratsinformationssystem"]
SOURCES = ["estimate", "estimate", "timing", "mma", "keyfigure"]
MIN_TIMES = ["5 min", "10 min", "15 min", "20 min", "25 min", "30 min",
             "45 min", "60 min", "90 min", "120 min", "10min", "45min"]
H_TIMES = ["0.5 h", "1 h", "1.5 h", "2 h", "3 h", "4 h", "2.25 h", "1h"]
WAITS = ["2 h", "1 d", "2 d", "3 d", "5 d", "10 d", "14 d", "1 wk", "2 wk",
         "1 mo", "30 min", "4 h"]
LINE_COMMENTS = ["// Stand: Stellenplan 2025", "// geschätzt",
                 "// laut Zeitaufschreibung", "// vgl. Organisationsverfügung",
                 "// TODO: mit Fachbereich abstimmen", "// Ist laut Besetzungsliste",
                 "// Schleife", "// Fallzahl aus Statistik 2024"]


def fte(q):
    """q quarters of an fte -> '2.75'."""
    whole, rest = divmod(q, 4)
    if rest == 0:
        return str(whole)
    return "%d.%s" % (whole, ("25", "5", "75")[rest - 1])


def money(n):
    return format(n, "_")


# ---------------------------------------------------------------------------
# Flow generation (shared by normal processes and the single-process mode)
# ---------------------------------------------------------------------------

class Flow:
    """Builds the node list of one process.

    Invariants that make the flow valid by construction:
      * nodes are emitted in source order; `pending` holds references
        (container, key) that must point at "whatever node comes next";
        emit() resolves them, leftovers at the end become `end`.
      * a loop is  body...; decide {ok p% -> AFTER; retry q% -> Fix};
        Fix { ...; next <first node of body> }  -- the back edge is reachable
        only through a branch and the ok branch always leaves the loop.
      * alternatives are  decide {a -> path1, b -> path2, [c -> end]};
        every path ends with a plain step; all but the last path jump to the
        join with `next`, the last one falls through.
    """

    __slots__ = ("g", "rng", "nodes", "pending", "counter", "staff", "owner",
                 "callees", "single", "maxdepth", "calls", "mbreaks")

    def __init__(self, g, staff, owner, callees, single):
        self.g = g
        self.rng = g.rng
        self.nodes = []
        self.pending = []
        self.counter = 0
        self.staff = staff        # positions of the owner unit
        self.owner = owner        # owner unit name
        self.callees = callees    # function returning a callee name or None
        self.single = single
        self.maxdepth = 9 if single else 2
        self.calls = 0

    # -- node construction ---------------------------------------------
    def _name(self, words):
        self.counter += 1
        return "%s%d" % (words[int(self.rng.random() * len(words))], self.counter)

    def emit(self, node):
        self.nodes.append(node)
        if self.pending:
            name = node["name"]
            for cont, key in self.pending:
                cont[key] = name
            self.pending.clear()

    def plain(self, fix=False):
        r = self.rng.random
        g = self.g
        attrs = []
        x = r()
        if fix:
            kind = "staff"
        elif x < 0.78:
            kind = "staff"
        elif x < 0.85:
            kind = "actor"
        elif x < 0.92:
            kind = "system"
        elif x < 0.98:
            kind = "call"
        else:
            kind = "unit"
        if kind == "call":
            callee = self.callees() if self.callees else None
            if callee is None:
                kind = "staff"
            else:
                attrs.append("call " + callee)
                if r() < 0.2:
                    attrs.append("share %d %%" % (10 + int(r() * 9) * 10))
                self.calls += 1
        if kind == "staff":
            staff = self.staff
            y = r()
            if y < 0.92 or not g.all_positions:
                by = staff[int(r() * len(staff))]
            else:
                by = g.all_positions[int(r() * len(g.all_positions))]
            attrs.append("by " + by)
            attrs.append("time " + (MIN_TIMES[int(r() * len(MIN_TIMES))] if r() < 0.8
                                    else H_TIMES[int(r() * len(H_TIMES))]))
            if fix or r() < 0.1:
                attrs.append("wait " + WAITS[int(r() * len(WAITS))])
            if r() < 0.08:
                attrs.append("share %d %%" % (5 + int(r() * 19) * 5))
            if r() < 0.15:
                attrs.append("media_break")
            if g.systems and r() < 0.15:
                attrs.append("system " + g.systems[int(r() * len(g.systems))])
        elif kind == "unit":
            attrs.append("by " + self.owner)
            attrs.append("time " + MIN_TIMES[int(r() * len(MIN_TIMES))])
        elif kind == "actor":
            attrs.append("by " + g.actors[int(r() * len(g.actors))])
            if r() < 0.7:
                attrs.append("wait " + WAITS[int(r() * len(WAITS))])
            else:
                attrs.append("time " + MIN_TIMES[int(r() * len(MIN_TIMES))])
        elif kind == "system":
            attrs.append("by " + g.systems[int(r() * len(g.systems))])
            if r() < 0.6:
                attrs.append("time %d min" % (1 + int(r() * 5)))
            else:
                attrs.append("wait " + WAITS[int(r() * 3)])
        name = self._name(FIX_WORDS if fix else STEP_WORDS)
        return {"kind": "step", "name": name,
                "title": STEP_TITLES[int(r() * len(STEP_TITLES))],
                "attrs": attrs, "next": None}

    def decide(self, branches, titles=DECIDE_TITLES):
        r = self.rng.random
        return {"kind": "decide", "name": self._name(DECIDE_WORDS),
                "title": titles[int(r() * len(titles))],
                "branches": branches}

    # -- structure -------------------------------------------------------
    def seq(self, budget, depth):
        r = self.rng.random
        while budget > 0:
            x = r()
            if budget >= 3 and depth < self.maxdepth:
                if self.single:
                    pl, pa = 0.45, 0.75
                else:
                    pl, pa = 0.18, 0.38
                if x < pl:
                    budget -= self.loop(budget, depth)
                    continue
                if x < pa:
                    budget -= self.alt(budget, depth)
                    continue
            self.emit(self.plain())
            budget -= 1

    def _cap(self, depth):
        return max(1, int(300 * 0.6 ** depth)) if self.single else 3

    def loop(self, budget, depth):
        r = self.rng.random
        cap = min(budget - 2, self._cap(depth))
        body = 1 + int(r() * cap)
        start = len(self.nodes)
        self.seq(body, depth + 1)
        target = self.nodes[start]["name"]
        d = self.decide(None, LOOP_TITLES)
        fix = self.plain(fix=True)
        fix["next"] = target
        ok = 70 + int(r() * 6) * 5                  # 70..95
        x = r()
        if x < 0.15 and ok <= 90:                    # with an abort branch
            abort = 5
            ok_b = ["ja", ok, None]
            branches = [ok_b, ["nein", 100 - ok - abort, fix["name"]],
                        ["abbrechen", abort, "end"]]
        else:
            ok_b = ["ja", ok, None]
            branches = [ok_b, ["nein", 100 - ok, fix["name"]]]
            if x < 0.5:
                branches.reverse()
        d["branches"] = branches
        self.emit(d)
        self.emit(fix)
        self.pending.append((ok_b, 2))
        return body + 2

    def alt(self, budget, depth):
        r = self.rng.random
        avail = budget - 1
        k = 3 if (avail >= 3 and r() < 0.3) else 2
        if self.single:
            cap = self._cap(depth)
        else:
            cap = 2
        sizes = []
        left = avail
        for i in range(k):
            rest_min = k - i - 1
            mx = min(cap, left - rest_min)
            s = 1 + int(r() * mx)
            sizes.append(s)
            left -= s
        labels = (BRANCH_LABELS3[int(r() * len(BRANCH_LABELS3))] if k == 3
                  else BRANCH_LABELS2[int(r() * len(BRANCH_LABELS2))])
        # integer shares summing to exactly 100
        if k == 2:
            a = 50 + int(r() * 9) * 5               # 50..90
            shares = [a, 100 - a]
        else:
            a = 40 + int(r() * 7) * 5                # 40..70
            b = 10 + int(r() * ((100 - a - 10 - 5) // 5 + 1)) * 5
            b = min(b, 100 - a - 5)
            shares = [a, b, 100 - a - b]
        branches = [[labels[i], shares[i], None] for i in range(k)]
        to_end = None
        if k == 2 and r() < 0.15 and shares[0] >= 15:
            # a rejection branch that ends the case directly
            shares[0] -= 5
            branches[0][1] = shares[0]
            to_end = ["abgelehnt", 5, "end"]
            branches.append(to_end)
        self.emit(self.decide(branches))
        join = []
        for i in range(k):
            self.pending.append((branches[i], 2))
            s = sizes[i]
            if s >= 2:
                self.seq(s - 1, depth + 1)
            self.emit(self.plain())
            if i < k - 1:
                join.append((self.nodes[-1], "next"))
        self.pending.extend(join)
        return 1 + sum(sizes)

    def build(self, n):
        self.emit(self.plain())
        self.seq(n - 1, 0)
        for cont, key in self.pending:
            cont[key] = "end"
        self.pending.clear()
        return self.nodes


def render_nodes(nodes, rng, out, ind="  "):
    """Append the text lines of the nodes to `out`; returns nothing."""
    r = rng.random
    ind2 = ind + "  "
    for nd in nodes:
        if nd["kind"] == "step":
            attrs = nd["attrs"]
            if nd["next"] is not None:
                attrs = attrs + ["next " + nd["next"]]
            if r() < 0.04:
                out.append("%s/// %s." % (ind, nd["title"].replace("\\", "")))
            if r() < 0.76:
                tail = ""
                x = r()
                if x < 0.03:
                    tail = " // geschätzt"
                elif x < 0.05:
                    attrs = attrs[:]
                    attrs[-1] += " /* lt. Fachbereich */"
                out.append('%sstep %s "%s" { %s }%s' % (ind, nd["name"], nd["title"],
                                                       "; ".join(attrs), tail))
            else:
                out.append('%sstep %s "%s" {' % (ind, nd["name"], nd["title"]))
                for a in attrs:
                    if r() < 0.04:
                        out.append("%s%s   %s" % (ind2, a, LINE_COMMENTS[int(r() * len(LINE_COMMENTS))]))
                    else:
                        out.append(ind2 + a)
                out.append(ind + "}")
        else:
            brs = ['branch "%s" %d %% -> %s' % (b[0], b[1], b[2]) for b in nd["branches"]]
            if r() < 0.25:
                out.append('%sdecide %s "%s" { %s }' % (ind, nd["name"], nd["title"], "; ".join(brs)))
            else:
                out.append('%sdecide %s "%s" {' % (ind, nd["name"], nd["title"]))
                for b in brs:
                    out.append(ind2 + b)
                out.append(ind + "}")


# ---------------------------------------------------------------------------
# The multi-file model
# ---------------------------------------------------------------------------

def model_header(out, title="Synthetisches Benchmark-Modell"):
    out.append("/// Synthetisches Modell, erzeugt von Benchmarks/genmodel.py.")
    out.append("/// Nicht von Hand bearbeiten.")
    out.append('model Bench "%s" {' % title)
    out.append("  year %d" % MODEL_YEAR)
    out.append("  worktime 1590 h          // JAZ")
    out.append("  allowance 10 %           // Verteilzeit als Zuschlag")
    out.append("  workdays 228")
    out.append("  overhead 20 %")
    out.append("  workplace 12_365 EUR")
    out.append("  leadership 6 %")
    out.append("  rounding 0.25 fte")
    out.append("}")
    out.append("")


class Generator:
    def __init__(self, lines, seed):
        self.target = lines
        self.rng = random.Random("%d/%d" % (seed, lines))
        self.n_units = max(2, round(lines * 0.015))
        self.n_pos = max(2, round(lines * 0.08))
        self.n_proc = max(1, round(lines * 0.02))
        self.n_actors = max(3, round(lines / 2000))
        self.n_systems = max(3, round(lines / 3000))
        self.n_files = max(1, round(lines / 2000))
        self.actors = ["Act%d" % i for i in range(1, self.n_actors + 1)]
        self.systems = ["Sys%d" % i for i in range(1, self.n_systems + 1)]
        self.all_positions = []
        self.stats = {}

    # -- units and positions ---------------------------------------------
    def build_org(self):
        r = self.rng.random
        nu = self.n_units
        parent = [0] * (nu + 1)
        level = [0] * (nu + 1)
        children = [[] for _ in range(nu + 1)]
        code = [""] * (nu + 1)
        topic = [""] * (nu + 1)
        code[1] = "0"
        topic[1] = "Stadtverwaltung"
        queue = [1]
        qi = 0
        nxt = 2
        while nxt <= nu:
            p = queue[qi]
            qi += 1
            lv = level[p]
            k = (6 + int(r() * 4)) if lv == 0 else (3 + int(r() * 6)) if lv == 1 else (2 + int(r() * 5))
            for j in range(k):
                if nxt > nu:
                    break
                parent[nxt] = p
                level[nxt] = lv + 1
                children[p].append(nxt)
                code[nxt] = str(j + 1) if lv == 0 else "%s.%d" % (code[p], j + 1)
                topic[nxt] = TOPICS[int(r() * len(TOPICS))] if lv < 2 else topic[p]
                queue.append(nxt)
                nxt += 1
        # nested (block nesting) or placed by `in`; nested subtrees stay small
        nested = [False] * (nu + 1)
        size = [1] * (nu + 1)
        for u in range(nu, 1, -1):
            s = 1
            for c in children[u]:
                if nested[c]:
                    s += size[c]
            size[u] = s
            lv = level[u]
            if lv >= 2 and s <= 12:
                nested[u] = r() < (0.5 if lv == 2 else 0.75)
        # positions: heads first, the rest weighted towards leaf units
        has_head = [False] * (nu + 1)
        count = [0] * (nu + 1)
        heads = 0
        for u in range(1, nu + 1):
            if heads < self.n_pos and r() < 0.85:
                has_head[u] = True
                count[u] += 1
                heads += 1
        rest = self.n_pos - heads
        units = list(range(1, nu + 1))
        weights = [3.0 if not children[u] else (1.0 if level[u] >= 2 else 0.3) for u in units]
        for u in self.rng.choices(units, weights, k=rest):
            count[u] += 1
        pos_of = [[] for _ in range(nu + 1)]
        pid = 0
        for u in range(1, nu + 1):
            for _ in range(count[u]):
                pid += 1
                pos_of[u].append("P%d" % pid)
        self.all_positions = ["P%d" % i for i in range(1, pid + 1)]
        self.parent, self.level, self.children = parent, level, children
        self.code, self.topic, self.nested = code, topic, nested
        self.has_head, self.pos_of = has_head, pos_of

    def position_lines(self, out, name, unit, head, ind, in_unit):
        """One position declaration. in_unit: emit `in U` (top-level)."""
        r = self.rng.random
        if head:
            grade = HEAD_GRADES[int(r() * len(HEAD_GRADES))]
            planned = 4
            title = "Leitung %s %s" % (KINDS[min(self.level[unit], 6)], self.code[unit])
        else:
            grade = STAFF_GRADES[int(r() * len(STAFF_GRADES))]
            x = r()
            planned = 2 + int(r() * 3) * 2 if x < 0.6 else (4 + int(r() * 8) * 2 if x < 0.93 else 4 + int(r() * 24) * 2)
            title = "%s %s" % (POS_TITLES[int(r() * len(POS_TITLES))], self.topic[unit])
        filled = planned if r() < 0.55 else max(0, planned - 1 - int(r() * planned))
        body = []
        if in_unit:
            body.append("in U%d" % unit)
        body.append("grade " + grade)
        body.append("planned %s fte" % fte(planned))
        if filled or r() < 0.5:
            body.append("filled %s fte" % fte(filled))
        x = r()
        extra = []
        if x < 0.12:
            extra.append('effort "%s" %d h /year' % (EFFORTS[int(r() * len(EFFORTS))], 20 + int(r() * 19) * 10))
        elif x < 0.2:
            extra.append('effort "%s" 0.%d fte' % (EFFORTS[int(r() * len(EFFORTS))], 1 + int(r() * 3)))
        elif x < 0.22:
            extra.append('effort "%s" %d h /month' % (EFFORTS[int(r() * len(EFFORTS))], 2 + int(r() * 10)))
        elif x < 0.23:
            extra.append('effort "%s" %d h /week' % (EFFORTS[int(r() * len(EFFORTS))], 1 + int(r() * 4)))
        if r() < 0.03:
            extra.append("coverage %d h /week" % (20 + int(r() * 4) * 5))
        if r() < 0.02:
            extra.append("kw %d" % (MODEL_YEAR + 2 + int(r() * 5)))
        if r() < 0.01:
            extra.append("freeze until %d-%02d-%02d" % (MODEL_YEAR, 1 + int(r() * 12), 1 + int(r() * 28)))
        if r() < 0.005:
            extra.append("allowance 12 %")
        body.extend(extra)
        if not extra and r() < 0.85:
            out.append('%sposition %s "%s" { %s }' % (ind, name, title, "; ".join(body)))
        else:
            if r() < 0.35:
                out.append("%s/// %s, Stellenanteil laut Stellenplan." % (ind, title.replace("\\", "")))
            out.append('%sposition %s "%s" {' % (ind, name, title))
            ind2 = ind + "  "
            for b in body:
                if r() < 0.05:
                    out.append("%s%s   %s" % (ind2, b, LINE_COMMENTS[int(r() * len(LINE_COMMENTS))]))
                else:
                    out.append(ind2 + b)
            out.append(ind + "}")

    def unit_lines(self, u, out, ind, loose):
        """A unit block with its nested positions and nested sub-units.
        Positions that are placed by `in` are appended to `loose`."""
        r = self.rng.random
        lv = self.level[u]
        kind = KINDS[min(lv, 6)]
        title = "%s %s %s" % (kind, self.code[u], self.topic[u])
        if r() < 0.5:
            out.append("%s/// %s %s." % (ind, kind, self.topic[u]))
        out.append('%sunit U%d "%s" {' % (ind, u, title))
        ind2 = ind + "  "
        if u != 1 and not self.nested[u]:
            out.append("%sin U%d" % (ind2, self.parent[u]))
        out.append('%skind "%s"' % (ind2, kind))
        out.append('%scode "%s"' % (ind2, self.code[u]))
        pos = self.pos_of[u]
        if self.has_head[u]:
            out.append("%shead %s" % (ind2, pos[0]))
        if r() < 0.01:
            out.append("%sworktime 1600 h   // abweichende Arbeitszeit" % ind2)
        for i, p in enumerate(pos):
            head = i == 0 and self.has_head[u]
            if r() < (0.9 if head else 0.65):
                self.position_lines(out, p, u, head, ind2, False)
            else:
                loose.append((p, u, head))
        for c in self.children[u]:
            if self.nested[c]:
                self.unit_lines(c, out, ind2, loose)
        out.append(ind + "}")

    # -- processes ---------------------------------------------------------
    def build(self):
        t0 = time.time()
        rng = self.rng
        r = rng.random
        self.build_org()
        nu = self.n_units
        chunks_units = []     # list of text chunks (each a list of lines)
        loose = []
        for u in range(1, nu + 1):
            if u == 1 or not self.nested[u]:
                out = []
                self.unit_lines(u, out, "", loose)
                out.append("")
                chunks_units.append(out)
        # loose positions: group by unit into chunks
        chunks_pos = []
        cur = None
        cur_unit = -1
        for p, u, head in loose:
            if u != cur_unit or len(cur) > 40:
                if cur:
                    cur.append("")
                    chunks_pos.append(cur)
                cur = ["// Stellen der Einheit U%d (per `in` zugeordnet)" % u]
                cur_unit = u
            self.position_lines(cur, p, u, head, "", True)
        if cur:
            cur.append("")
            chunks_pos.append(cur)

        # process owners: units with positions, weighted by their count
        owner_units = [u for u in range(1, nu + 1) if self.pos_of[u]]
        owner_w = [len(self.pos_of[u]) for u in owner_units]
        owners = rng.choices(owner_units, owner_w, k=self.n_proc)
        n_service = max(1, self.n_proc // 20)
        chunks_proc = []
        n_nodes = 0
        n_calls = 0
        for i in range(1, self.n_proc + 1):
            u = owners[i - 1]
            pos = self.pos_of[u]
            staff = pos[1:] if (self.has_head[u] and len(pos) > 1) else pos

            def callee(i=i):
                if i <= 1:
                    return None
                if i > n_service and r() < 0.6:
                    return "Proc%d" % (1 + int(r() * n_service))
                lo = max(1, i - 50)
                return "Proc%d" % (lo + int(r() * (i - lo)))
            flow = Flow(self, staff, "U%d" % u, callee, False)
            n = 5 + int(15 * r() ** 1.6)
            nodes = flow.build(n)
            n_nodes += len(nodes)
            n_calls += flow.calls
            out = []
            obj = PROC_OBJECTS[int(r() * len(PROC_OBJECTS))]
            verb = PROC_VERBS[int(r() * len(PROC_VERBS))]
            if r() < 0.7:
                out.append("/// %s %s (synthetischer Prozess %d)." % (obj, verb, i))
                if r() < 0.2:
                    out.append("/// Zuständig: Einheit U%d." % u)
            out.append('process Proc%d "%s %s" {' % (i, obj, verb))
            out.append("  owner U%d" % u)
            x = r()
            if i <= n_service:
                vol = "volume %s /year" % money(1_000 + int(r() * 20) * 500)
            elif x < 0.7:
                vol = "volume %s /year" % money(10 + int(r() ** 2 * 3000) * 2)
            elif x < 0.85:
                vol = "volume %d /month" % (5 + int(r() * 150))
            elif x < 0.95:
                vol = "volume %d /week" % (1 + int(r() * 60))
            else:
                vol = "volume %d /day" % (1 + int(r() * 40))
            out.append("  " + vol)
            out.append("  source " + SOURCES[int(r() * len(SOURCES))])
            if r() < 0.3:
                out.append('  trigger "%s geht ein"' % obj)
            if r() < 0.2:
                out.append('  result "Vorgang abgeschlossen"')
            out.append("  dna { legal %d; maturity %d }" % (int(r() * 2), int(r() * 5)))
            if r() < 0.03:
                out.append("  /* Zeiten aus Workshop")
                out.append("     /* verschachtelt: vorläufig */ bitte prüfen */")
            render_nodes(nodes, rng, out)
            out.append("}")
            out.append("")
            chunks_proc.append(out)

        # header chunk: model, grades, dna, actors, systems
        head = []
        model_header(head)
        head.append("// Entgelt- und Besoldungsgruppen (Personalkosten je fte und Jahr)")
        for g, title, cost in GRADES:
            sym = "€" if g == "A13" else "EUR"
            head.append('grade %s "%s" { cost %s %s }' % (g, title, money(cost), sym))
        head.append("")
        head.append("/* Prozess-DNA: gemessene Kriterien.")
        head.append("   Die bewerteten Kriterien stehen in einem zweiten dna-Block. */")
        head.append("dna {")
        head.append('  criterion volume   "Fallzahl"               { weight 3; from volume }')
        head.append('  criterion capacity "Gebundene Kapazität"    { weight 3; from fte }')
        head.append('  criterion breaks   "Medienbrüche je Fall"   { weight 2; from media_breaks }')
        head.append('  criterion handoffs "Schnittstellen je Fall" { weight 1; from handoffs }')
        head.append('  criterion lead     "Durchlaufzeit"          { weight 1; from leadtime }')
        head.append("}")
        head.append("")
        head2 = ["dna {",
                 '  criterion legal    "Rechtliche Pflicht"     { weight 2; scale 0..1 }',
                 "  criterion maturity \"OZG-Reifegrad-Lücke\" {",
                 "    weight 2",
                 "    scale 0..4",
                 "  }",
                 "}",
                 ""]
        acts = ["// Akteure und Systeme"]
        for i, a in enumerate(self.actors):
            title, ext = ACTORS[i % len(ACTORS)]
            if i >= len(ACTORS):
                title = "%s %d" % (title, i // len(ACTORS) + 1)
            acts.append('actor %s "%s"%s' % (a, title, " { external }" if ext else ""))
        for i, s in enumerate(self.systems):
            title = SYSTEMS[i % len(SYSTEMS)]
            if i >= len(SYSTEMS):
                title = "%s %d" % (title, i // len(SYSTEMS) + 1)
            if i % 4 == 1:
                acts.append("/// Fachverfahren.")
            acts.append('system %s "%s"' % (s, title))
        acts.append("")

        # interleave the chunk lists by their relative position
        keyed = []
        for lst, off in ((chunks_units, 0.0), (chunks_pos, 0.3), (chunks_proc, 0.6)):
            n = len(lst)
            for k, c in enumerate(lst):
                keyed.append(((k + off) / max(1, n), c))
        keyed.sort(key=lambda kc: kc[0])
        chunks = [head, acts] + [c for _, c in keyed]
        chunks.insert(min(len(chunks), 2 + len(chunks) // 3), head2)

        # decoration: occasional block comments between declarations, then
        # pad with comments to the requested line count
        total = sum(len(c) for c in chunks)
        deficit = self.target - total
        if deficit > 0:
            m = max(1, deficit // 12)
            per, extra = divmod(deficit, m)
            step = len(chunks) / (m + 1)
            inserts = []
            for j in range(m):
                n = per + (1 if j < extra else 0)
                pad = self.padding(n, j)
                inserts.append((int((j + 1) * step), pad))
            for pos, pad in reversed(inserts):
                chunks.insert(pos, pad)

        self.chunks = chunks
        self.stats = {
            "units": nu, "positions": len(self.all_positions),
            "actors": len(self.actors), "systems": len(self.systems),
            "grades": len(GRADES), "processes": self.n_proc,
            "nodes": n_nodes, "calls": n_calls,
        }
        self.build_seconds = time.time() - t0

    def padding(self, n, j):
        """n lines of comments (never declarations)."""
        if n <= 0:
            return []
        r = self.rng.random
        x = r()
        if n == 1:
            return ["// " + LINE_COMMENTS[j % len(LINE_COMMENTS)][3:]]
        if x < 0.5:
            lines = ["/* Abschnitt %d: Erläuterungen zum Organisationsmodell." % j]
            for k in range(n - 2):
                lines.append("   Zeile %d: Zuständigkeiten, Fallzahlen und Zeiten wurden %s." %
                             (k + 1, ("geschätzt", "gemessen", "übernommen")[k % 3]))
            lines.append("*/")
            if n >= 4 and r() < 0.2:
                lines[1] = "   /* verschachtelter Kommentar */ " + lines[1].strip()
            return lines
        lines = []
        for k in range(n - 1):
            lines.append("// " + LINE_COMMENTS[(j + k) % len(LINE_COMMENTS)][3:])
        lines.append("")
        return lines

    def write(self, outdir, time_ranges=False, volume_ranges=False):
        nf = self.n_files
        total = sum(len(c) for c in self.chunks)
        files = [[] for _ in range(nf)]
        cum = 0
        for c in self.chunks:
            fi = min(nf - 1, cum * nf // max(1, total))
            files[fi].append(c)
            cum += len(c)
        lines = 0
        nbytes = 0
        paths = []
        for fi, cl in enumerate(files):
            sub = os.path.join(outdir, "part%02d" % (fi // 50))
            os.makedirs(sub, exist_ok=True)
            path = os.path.join(sub, "m%04d.orga" % fi)
            text = "\n".join("\n".join(c) for c in cl if c) + "\n"
            if time_ranges:
                text = with_time_ranges(text)
            if volume_ranges:
                text = with_volume_ranges(text)
            data = text.encode("utf-8")
            with open(path, "wb") as f:
                f.write(data)
            lines += text.count("\n")
            nbytes += len(data)
            paths.append(path)
        self.stats["files"] = nf
        self.stats["lines"] = lines
        self.stats["bytes"] = nbytes
        return paths


# ---------------------------------------------------------------------------
# Single-process mode
# ---------------------------------------------------------------------------

class SingleGen:
    def __init__(self, nodes, seed):
        self.rng = random.Random("single/%d/%d" % (seed, nodes))
        self.n = nodes
        self.actors = ["Act1"]
        self.systems = ["Sys1"]
        self.all_positions = ["P1"]

    def text(self):
        out = []
        model_header(out, "Einzelprozess-Benchmark")
        out.append('grade E9b "Entgeltgruppe 9b TVöD" { cost 61_700 EUR }')
        out.append('unit U1 "Fachbereich" {')
        out.append("  head P1")
        out.append('  position P1 "Sachbearbeitung" { grade E9b; planned 12 fte; filled 11.5 fte }')
        out.append("}")
        out.append('actor Act1 "Bürgerinnen und Bürger" { external }')
        out.append('system Sys1 "Fachverfahren"')
        out.append("")
        flow = Flow(self, ["P1"], "U1", None, True)
        nodes = flow.build(self.n)
        out.append("/// Ein Prozess mit %d Knoten, verschachtelten Schleifen und Entscheidungen." % len(nodes))
        out.append('process Big "Großer Prozess" {')
        out.append("  owner U1")
        out.append("  volume 100 /year")
        out.append("  source estimate")
        render_nodes(nodes, self.rng, out)
        out.append("}")
        self.stats = {"files": 1, "units": 1, "positions": 1, "processes": 1,
                      "nodes": len(nodes)}
        return "\n".join(out) + "\n"


# ---------------------------------------------------------------------------
# Pathological inputs
# ---------------------------------------------------------------------------

def pathological(kind, seed):
    if kind == "braces":
        return b"{" * 100_000 + b"\n"
    if kind == "longline":
        size = 10 * 1024 * 1024
        parts = []
        n = 0
        i = 0
        while n < size:
            s = "ident%d" % i
            parts.append(s)
            n += len(s) + 1
            i += 1
        return " ".join(parts).encode("ascii")[:size].rstrip(b" ") + b"\n"
    if kind == "garbage":
        return random.Random("garbage/%d" % seed).randbytes(1024 * 1024)
    if kind == "deep":
        n = 10_000
        head = "".join("unit D%d {\n" % i for i in range(1, n + 1))
        return (head + "}\n" * n).encode("ascii")
    raise SystemExit("unknown pathological kind: %s (braces|longline|garbage|deep)" % kind)


# ---------------------------------------------------------------------------
# Sanity checker (independent of the generator: it parses the text)
# ---------------------------------------------------------------------------

TOKEN_RE = re.compile(r"""
 (?P<nl>\r\n|\r|\n)
|(?P<ws>[ \t\ufeff]+)
|(?P<lc>//[^\r\n]*)
|(?P<bc>/\*)
|(?P<str>"(?:[^"\\\r\n]|\\.)*")
|(?P<date>\d{4}-\d\d-\d\d)
|(?P<num>\d[\d_]*(?:\.\d[\d_]*)?)
|(?P<id>[^\W\d]\w*)
|(?P<p>->|\.\.|[{},;%/.+\-€])
""", re.X)

NUM = r"\d[\d_]*(?:\.\d[\d_]*)?"
STR = r'"(?:[^"\\]|\\.)*"'
ID = r"[^\W\d]\w*"
DECL = r"^(%s)(?: %s)?$" % (ID, STR)
SHAPES = {
    "year": r"^\d{4}$", "worktime": r"^%s h$" % NUM,
    "allowance": r"^%s %%( of worktime)?$" % NUM, "workdays": r"^%s$" % NUM,
    "overhead": r"^%s %%$" % NUM, "workplace": r"^%s (EUR|€)$" % NUM,
    "leadership": r"^%s %%$" % NUM, "rounding": r"^%s fte$" % NUM,
    "cost": r"^%s (EUR|€)$" % NUM, "in": r"^%s$" % ID, "kind": r"^%s$" % STR,
    "code": r"^%s$" % STR, "head": r"^%s$" % ID, "grade": r"^%s$" % ID,
    "planned": r"^%s fte$" % NUM, "filled": r"^%s fte$" % NUM,
    "kw": r"^\d{4}$", "freeze": r"^until \d{4}-\d\d-\d\d$",
    "effort": r"^%s %s (fte|h / (year|month|week))$" % (STR, NUM),
    "coverage": r"^%s h / week$" % NUM, "external": r"^$",
    "owner": r"^%s$" % ID, "volume": r"^%s / (year|month|week|day)$" % NUM,
    "source": r"^(estimate|selfreport|timing|mma|keyfigure)$",
    "trigger": r"^%s$" % STR, "result": r"^%s$" % STR,
    "by": r"^%s$" % ID, "time": r"^%s (min|h)$" % NUM,
    "wait": r"^%s (min|h|d|wk|mo)$" % NUM, "share": r"^%s %%$" % NUM,
    "media_break": r"^$", "system": r"^%s$" % ID, "next": r"^%s$" % ID,
    "call": r"^%s$" % ID, "branch": r"^%s %s %% -> %s$" % (STR, NUM, ID),
    "weight": r"^%s$" % NUM,
    "from": r"^(volume|hours|fte|media_breaks|handoffs|steps|leadtime|digital)$",
    "scale": r"^%s \.\. %s$" % (NUM, NUM),
}
SHAPES = {k: re.compile(v) for k, v in SHAPES.items()}
CHILDREN = {
    "<root>": {"model", "grade", "unit", "position", "actor", "system", "process", "dna"},
    "model": {"year", "worktime", "allowance", "workdays", "overhead", "workplace",
              "leadership", "rounding"},
    "grade": {"cost"},
    "unit": {"in", "kind", "code", "head", "unit", "position", "worktime", "allowance"},
    "position": {"in", "grade", "planned", "filled", "kw", "freeze", "effort",
                 "coverage", "worktime", "allowance"},
    "actor": {"external"}, "system": set(),
    "process": {"owner", "volume", "source", "trigger", "result", "dna", "step", "decide"},
    "step": {"by", "time", "wait", "share", "media_break", "system", "next", "call"},
    "decide": {"branch"},
    "dna": {"criterion"},
    "criterion": {"weight", "from", "scale"},
}
DECL_KWS = ("model", "unit", "position", "actor", "system", "grade", "process",
            "step", "decide", "criterion")
NS_KWS = ("unit", "position", "actor", "system", "grade", "process")


class Stmt:
    __slots__ = ("kw", "args", "children", "line", "file", "parent", "name")

    def __init__(self, kw, line, file, parent):
        self.kw = kw
        self.args = []
        self.children = []
        self.line = line
        self.file = file
        self.parent = parent
        self.name = None

    def argtext(self):
        return " ".join(self.args)


def parse(text, fname, root, errors):
    """Tokenise + build the statement tree (iterative, depth-safe)."""
    stack = [root]
    cur = None
    pos = 0
    line = 1
    n = len(text)
    match = TOKEN_RE.match
    while pos < n:
        m = match(text, pos)
        if not m:
            errors.append("%s:%d: unexpected character %r" % (fname, line, text[pos]))
            return
        kind = m.lastgroup
        tok = m.group()
        pos = m.end()
        if kind == "ws" or kind == "lc":
            continue
        if kind == "bc":
            depth = 1
            had_nl = False
            while depth:
                a = text.find("/*", pos)
                b = text.find("*/", pos)
                if b < 0:
                    errors.append("%s:%d: unterminated block comment" % (fname, line))
                    return
                if 0 <= a < b:
                    seg = text[pos:a]
                    depth += 1
                    pos = a + 2
                else:
                    seg = text[pos:b]
                    depth -= 1
                    pos = b + 2
                c = seg.count("\n")
                if c:
                    had_nl = True
                    line += c
            if had_nl:
                cur = None
            continue
        if kind == "nl":
            line += 1
            cur = None
            continue
        if tok == ";":
            cur = None
            continue
        if tok == "{":
            if cur is None:
                errors.append("%s:%d: '{' without a statement" % (fname, line))
                return
            stack.append(cur)
            cur = None
            continue
        if tok == "}":
            cur = None
            if len(stack) == 1:
                errors.append("%s:%d: unbalanced '}'" % (fname, line))
                return
            stack.pop()
            continue
        if cur is None:
            if kind != "id":
                errors.append("%s:%d: statement must start with a keyword, got %r" % (fname, line, tok))
                return
            cur = Stmt(tok, line, fname, stack[-1])
            stack[-1].children.append(cur)
        else:
            cur.args.append(tok)
    if len(stack) != 1:
        errors.append("%s: %d unclosed block(s) at end of file" % (fname, len(stack) - 1))


def num(s):
    return float(s.split()[0].replace("_", ""))


def check_model(paths):
    """Returns (errors, counts). Checks everything the generator promises."""
    errors = []
    root = Stmt("<root>", 0, "", None)
    nlines = 0
    for p in paths:
        with open(p, "rb") as f:
            data = f.read()
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as e:
            errors.append("%s: not UTF-8 (%s)" % (p, e))
            continue
        nlines += text.count("\n")
        parse(text, p, root, errors)
    if errors:
        return errors, {}

    def err(st, msg):
        errors.append("%s:%d: %s %s" % (st.file, st.line, st.kw, msg))

    ns = {}
    decls = {k: [] for k in NS_KWS}
    models = []
    dna_criteria = {}
    processes = []
    # iterative walk: shapes, placement, declarations
    todo = [root]
    while todo:
        st = todo.pop()
        allowed = CHILDREN.get(st.kw)
        in_process_dna = st.kw == "dna" and st.parent is not None and st.parent.kw == "process"
        for ch in st.children:
            if in_process_dna:
                pass
            elif allowed is None or ch.kw not in allowed:
                err(ch, "not allowed in %s" % st.kw)
                continue
            todo.append(ch)
        if st.kw == "<root>":
            continue
        at = st.argtext()
        if st.kw in DECL_KWS and (st.kw not in ("system", "grade") or st.parent is root):
            m = re.match(DECL, at)
            if not m:
                err(st, "bad declaration %r" % at)
                continue
            st.name = m.group(1)
        elif in_process_dna or (st.parent.kw == "dna" and st.parent.parent.kw == "process"):
            pass
        elif st.kw == "dna":
            if at:
                err(st, "dna takes no arguments")
        else:
            shape = SHAPES.get(st.kw)
            if shape is None or not shape.match(at):
                err(st, "bad arguments %r" % at)
            elif "%" in at and st.kw != "branch" and not 0 <= num(at) <= 100:
                err(st, "percentage out of range")
        if st.kw in NS_KWS and st.name:
            if st.name in ns:
                err(st, "duplicate name %s" % st.name)
            ns[st.name] = st
            decls[st.kw].append(st)
        elif st.kw == "model":
            models.append(st)
        elif st.kw == "criterion" and st.name:
            if st.name in dna_criteria:
                err(st, "duplicate criterion %s" % st.name)
            dna_criteria[st.name] = st
        if st.kw == "process":
            processes.append(st)
    if len(models) > 1:
        errors.append("more than one model block")
    if errors:
        return errors, {}

    def first(st, kw):
        for c in st.children:
            if c.kw == kw:
                return c
        return None

    def ref(st, name, kinds):
        d = ns.get(name)
        if d is None:
            err(st, "unknown reference %s" % name)
            return None
        if d.kw not in kinds:
            err(st, "%s is a %s, expected %s" % (name, d.kw, "/".join(kinds)))
            return None
        return d

    # units: nesting xor in; tree
    unit_parent = {}
    for u in decls["unit"]:
        i = first(u, "in")
        nested = u.parent.kw == "unit"
        if i is not None and nested:
            err(u, "%s is nested and has `in`" % u.name)
        if i is not None:
            if ref(i, i.args[0], ("unit",)):
                unit_parent[u.name] = i.args[0]
        elif nested:
            unit_parent[u.name] = u.parent.name
    state = {}
    for u in unit_parent:
        path = []
        x = u
        while x in unit_parent and state.get(x) is None:
            state[x] = 1
            path.append(x)
            x = unit_parent[x]
            if state.get(x) == 1:
                errors.append("unit cycle through %s" % x)
                break
        for y in path:
            state[y] = 2
    # positions
    pos_unit = {}
    for p in decls["position"]:
        i = first(p, "in")
        nested = p.parent.kw == "unit"
        if i is not None and nested:
            err(p, "%s is nested and has `in`" % p.name)
        if i is not None:
            ref(i, i.args[0], ("unit",))
            pos_unit[p.name] = i.args[0]
        elif nested:
            pos_unit[p.name] = p.parent.name
        g = first(p, "grade")
        if g is None:
            err(p, "%s has no grade" % p.name)
        else:
            ref(g, g.args[0], ("grade",))
        pl = first(p, "planned")
        fi = first(p, "filled")
        if pl is None:
            err(p, "%s has no planned" % p.name)
        elif fi is not None and num(fi.argtext()) > num(pl.argtext()):
            err(p, "%s filled > planned" % p.name)
        kw = first(p, "kw")
        if kw is not None and int(kw.args[0]) <= MODEL_YEAR:
            err(p, "kw in the past")
    for u in decls["unit"]:
        h = first(u, "head")
        if h is not None:
            if ref(h, h.args[0], ("position",)) and pos_unit.get(h.args[0]) != u.name:
                err(h, "head %s is not a position of %s" % (h.args[0], u.name))
    # dna criteria
    rated = {}
    for c in dna_criteria.values():
        sc = first(c, "scale")
        fr = first(c, "from")
        if (sc is None) == (fr is None):
            err(c, "criterion needs exactly one of from/scale")
        if sc is not None:
            rated[c.name] = (num(sc.args[0]), num(sc.args[2]))
    # processes
    calls = {}
    nodes_total = 0
    back_nesting = 0
    for pr in processes:
        o = first(pr, "owner")
        if o is None:
            err(pr, "%s has no owner" % pr.name)
        else:
            ref(o, o.args[0], ("unit",))
        if first(pr, "volume") is None:
            err(pr, "%s has no volume" % pr.name)
        d = first(pr, "dna")
        seen = set()
        if d is not None:
            for c in d.children:
                if c.kw not in rated:
                    err(c, "unknown or measured criterion rated in %s" % pr.name)
                    continue
                lo, hi = rated[c.kw]
                if len(c.args) != 1 or not lo <= num(c.args[0]) <= hi:
                    err(c, "rating %r outside scale in %s" % (c.argtext(), pr.name))
                seen.add(c.kw)
        if rated and seen != set(rated):
            err(pr, "%s misses ratings %s" % (pr.name, sorted(set(rated) - seen)))
        nodes = [c for c in pr.children if c.kw in ("step", "decide")]
        nodes_total += len(nodes)
        if not nodes:
            err(pr, "%s has no nodes" % pr.name)
            continue
        index = {}
        for k, nd in enumerate(nodes):
            if nd.name in index:
                err(nd, "duplicate node %s in %s" % (nd.name, pr.name))
            index[nd.name] = k
        END = len(nodes)
        succ = []
        callees = calls.setdefault(pr.name, set())
        backs = []
        for k, nd in enumerate(nodes):
            out = []
            if nd.kw == "decide":
                total = 0.0
                brs = [c for c in nd.children if c.kw == "branch"]
                if len(brs) < 2:
                    err(nd, "decide with fewer than 2 branches")
                for b in brs:
                    share = float(b.args[1].replace("_", ""))
                    total += share
                    tgt = b.args[-1]
                    if tgt == "end":
                        out.append(END)
                    elif tgt in index:
                        out.append(index[tgt])
                    else:
                        err(b, "branch target %s not in %s" % (tgt, pr.name))
                if abs(total - 100) > 1e-9:
                    err(nd, "branch shares sum to %g, not 100" % total)
            else:
                nx = first(nd, "next")
                cl = first(nd, "call")
                by = first(nd, "by")
                tm = first(nd, "time")
                if nx is None:
                    out.append(k + 1)
                elif nx.args[0] == "end":
                    out.append(END)
                elif nx.args[0] in index:
                    t = index[nx.args[0]]
                    out.append(t)
                    if t <= k:
                        backs.append((t, k))
                else:
                    err(nx, "next target %s not in %s" % (nx.args[0], pr.name))
                if cl is not None:
                    if by is not None or tm is not None:
                        err(nd, "calling step has by/time")
                    if ref(cl, cl.args[0], ("process",)):
                        callees.add(cl.args[0])
                else:
                    if by is None:
                        err(nd, "step without by in %s" % pr.name)
                    else:
                        perf = ref(by, by.args[0], ("position", "unit", "actor", "system"))
                        if perf is not None and perf.kw in ("position", "unit") and tm is None:
                            err(nd, "staff step %s.%s has no time" % (pr.name, nd.name))
                        if perf is not None and perf.kw in ("actor", "system") and tm is None \
                                and first(nd, "wait") is None:
                            err(nd, "actor/system step without time or wait")
                sy = first(nd, "system")
                if sy is not None:
                    ref(sy, sy.args[0], ("system",))
            succ.append(out)
        # reachability from the first node
        seen_n = [False] * (END + 1)
        stack = [0]
        seen_n[0] = True
        while stack:
            x = stack.pop()
            if x == END:
                continue
            for y in succ[x]:
                if not seen_n[y]:
                    seen_n[y] = True
                    stack.append(y)
        for k in range(END):
            if not seen_n[k]:
                err(nodes[k], "node %s.%s unreachable" % (pr.name, nodes[k].name))
        # every node can reach the end
        pred = [[] for _ in range(END + 1)]
        for x in range(END):
            for y in succ[x]:
                pred[y].append(x)
        can = [False] * (END + 1)
        can[END] = True
        stack = [END]
        while stack:
            y = stack.pop()
            for x in pred[y]:
                if not can[x]:
                    can[x] = True
                    stack.append(x)
        for k in range(END):
            if not can[k]:
                err(nodes[k], "case cannot end from %s.%s" % (pr.name, nodes[k].name))
        # loop nesting depth (nested back-edge intervals)
        backs.sort(key=lambda tk: (tk[0], -tk[1]))
        opened = []
        for t, k in backs:
            while opened and opened[-1] < k:
                opened.pop()
            opened.append(k)
            back_nesting = max(back_nesting, len(opened))
    # call graph acyclic (iterative DFS with colours)
    colour = {}
    for s in calls:
        if colour.get(s):
            continue
        stack = [(s, iter(sorted(calls.get(s, ()))))]
        colour[s] = 1
        while stack:
            x, it = stack[-1]
            y = next(it, None)
            if y is None:
                colour[x] = 2
                stack.pop()
                continue
            c = colour.get(y)
            if c == 1:
                errors.append("call cycle through %s -> %s" % (x, y))
            elif c is None:
                colour[y] = 1
                stack.append((y, iter(sorted(calls.get(y, ())))))
    counts = {"files": len(paths), "lines": nlines, "units": len(decls["unit"]),
              "positions": len(decls["position"]), "actors": len(decls["actor"]),
              "systems": len(decls["system"]), "grades": len(decls["grade"]),
              "processes": len(processes), "nodes": nodes_total,
              "call_edges": sum(len(v) for v in calls.values()),
              "loop_nesting": back_nesting}
    return errors, counts


def orga_files(path):
    if os.path.isfile(path):
        return [path]
    res = []
    for d, dirs, files in os.walk(path):
        dirs.sort()
        for f in sorted(files):
            if f.endswith(".orga"):
                res.append(os.path.join(d, f))
    return res


# ---------------------------------------------------------------------------
# Driver
# ---------------------------------------------------------------------------

TIME_RE = re.compile(r"\btime (\d+(?:\.\d+)?)\s*(min|h)\b")


def with_time_ranges(text):
    """Every `time N unit` as a range with the same mean: three-point
    0.5N..N..1.5N (PERT mean N) and two-point 0.5N..1.5N (uniform mean N),
    alternating. Line count and everything else stay as generated."""
    count = [0]

    def repl(m):
        v = float(m.group(1))
        count[0] += 1

        def f(x):
            return ("%.4f" % x).rstrip("0").rstrip(".")
        if count[0] % 2:
            return "time %s..%s..%s %s" % (f(v * 0.5), f(v), f(v * 1.5), m.group(2))
        return "time %s..%s %s" % (f(v * 0.5), f(v * 1.5), m.group(2))
    return TIME_RE.sub(repl, text)


VOLUME_RE = re.compile(r"\bvolume (\d[\d_]*)\s*/(year|month|week|day)\b")


def with_volume_ranges(text):
    """Every `volume N /rate` as the two-point range 0.8N..1.2N (uniform mean N)."""
    def repl(m):
        v = int(m.group(1).replace("_", ""))
        return "volume %s..%s /%s" % (("%.1f" % (v * 0.8)).rstrip("0").rstrip("."),
                                      ("%.1f" % (v * 1.2)).rstrip("0").rstrip("."), m.group(2))
    return VOLUME_RE.sub(repl, text)


def gen_lines(lines, outdir, seed, force, time_ranges=False, volume_ranges=False):
    if os.path.isfile(outdir):
        raise SystemExit("--out must be a directory for --lines")
    old = orga_files(outdir) if os.path.isdir(outdir) else []
    if old:
        if not force:
            raise SystemExit("%s already holds %d .orga files (use --force to replace them)"
                             % (outdir, len(old)))
        for p in old:
            os.remove(p)
    os.makedirs(outdir, exist_ok=True)
    t0 = time.time()
    g = Generator(lines, seed)
    g.build()
    paths = g.write(outdir, time_ranges, volume_ranges)
    g.stats["seconds"] = round(time.time() - t0, 2)
    return g.stats, paths


def report(stats, label):
    keys = ["files", "lines", "bytes", "units", "positions", "actors", "systems",
            "grades", "processes", "nodes", "calls", "call_edges", "loop_nesting", "seconds"]
    parts = ["%s=%s" % (k, stats[k]) for k in keys if k in stats]
    print("genmodel %s: %s" % (label, " ".join(parts)), file=sys.stderr)


def write_file(path, data):
    d = os.path.dirname(path)
    if d:
        os.makedirs(d, exist_ok=True)
    with open(path, "wb") as f:
        f.write(data)


def selftest(seed):
    ok = True
    tmp = tempfile.mkdtemp(prefix="genmodel-selftest-")

    def fail(msg):
        nonlocal ok
        ok = False
        print("FAIL: " + msg, file=sys.stderr)

    try:
        # 1. multi-file models of several sizes check clean
        for lines in (1_000, 10_000, 30_000):
            d = os.path.join(tmp, "m%d" % lines)
            st, paths = gen_lines(lines, d, seed, False)
            errors, cnt = check_model(paths)
            for e in errors[:20]:
                fail(e)
            report(st, "generated %d" % lines)
            for k in ("files", "lines", "units", "positions", "processes", "nodes",
                      "actors", "systems", "grades"):
                if cnt.get(k) != st.get(k):
                    fail("%d lines: %s generator=%s checker=%s" % (lines, k, st.get(k), cnt.get(k)))
            if not 0.95 * lines <= st["lines"] <= 1.08 * lines:
                fail("%d lines requested, %d written" % (lines, st["lines"]))
            if lines >= 10_000 and cnt.get("call_edges", 0) == 0:
                fail("no calls generated")
            per = st["nodes"] / st["processes"]
            if not 7 <= per <= 14:
                fail("average nodes per process %.1f" % per)
        # 2. determinism
        a = os.path.join(tmp, "det_a")
        b = os.path.join(tmp, "det_b")
        gen_lines(10_000, a, seed, False)
        gen_lines(10_000, b, seed, False)

        def digest(d):
            h = hashlib.sha256()
            for p in orga_files(d):
                h.update(os.path.relpath(p, d).encode())
                with open(p, "rb") as f:
                    h.update(f.read())
            return h.hexdigest()
        if digest(a) != digest(b):
            fail("output is not deterministic")
        c = os.path.join(tmp, "det_c")
        gen_lines(10_000, c, seed + 1, False)
        if digest(a) == digest(c):
            fail("--seed has no effect")
        # 3. single process
        for n in (5, 50, 2_000):
            sg = SingleGen(n, seed)
            p = os.path.join(tmp, "single%d.orga" % n)
            write_file(p, sg.text().encode("utf-8"))
            errors, cnt = check_model([p])
            for e in errors[:20]:
                fail(e)
            if cnt.get("nodes") != n:
                fail("single process: %s nodes, wanted %d" % (cnt.get("nodes"), n))
            if n >= 2_000 and cnt.get("loop_nesting", 0) < 3:
                fail("single process: loop nesting only %s" % cnt.get("loop_nesting"))
            report(cnt, "single %d" % n)
        # 4. pathological inputs
        br = pathological("braces", seed)
        if br.count(b"{") != 100_000:
            fail("braces")
        ll = pathological("longline", seed)
        if len(ll) < 10 * 1024 * 1024 - 20 or ll.count(b"\n") != 1:
            fail("longline")
        g1 = pathological("garbage", seed)
        if len(g1) != 1024 * 1024 or g1 != pathological("garbage", seed):
            fail("garbage")
        p = os.path.join(tmp, "deep.orga")
        write_file(p, pathological("deep", seed))
        errors, cnt = check_model([p])
        if errors or cnt.get("units") != 10_000:
            fail("deep: %s %s" % (errors[:3], cnt.get("units")))
        # 5. the checker catches broken models (mutation tests)
        d = os.path.join(tmp, "m10000")
        paths = orga_files(d)
        texts = {p: open(p, encoding="utf-8").read() for p in paths}
        big = "\n".join(texts.values())
        m_branch = re.search(r'branch "([^"]*)" (\d+) %', big)
        m_next = re.search(r"next (\w+)", big)
        m_time = re.search(r"\{ by (P\d+); time [^;}]+(;|\s\})", big)
        mutations = [
            ("branch share", m_branch.group(0),
             'branch "%s" %d %%' % (m_branch.group(1), int(m_branch.group(2)) + 1)),
            ("next target", m_next.group(0), "next Nirgendwo"),
            ("staff time", m_time.group(0), "{ by %s%s" % (m_time.group(1), m_time.group(2))),
            ("duplicate unit", 'unit U2 "', 'unit U3 "'),
        ]
        for label, old, new in mutations:
            found = False
            mpaths = []
            for p0 in paths:
                t = texts[p0]
                if not found and old in t:
                    t = t.replace(old, new, 1)
                    found = True
                mp = os.path.join(tmp, "mut", os.path.relpath(p0, d))
                write_file(mp, t.encode("utf-8"))
                mpaths.append(mp)
            errors, _ = check_model(mpaths)
            if not found or not errors:
                fail("mutation %r not detected" % label)
            shutil.rmtree(os.path.join(tmp, "mut"))
        # call cycle: X calls Y somewhere; add a step to Y that calls X
        cyc = None
        for p0 in paths:
            t = texts[p0]
            m = re.search(r"call (Proc\d+)", t)
            if m:
                x = re.findall(r"^process (Proc\d+)", t[:m.start()], re.M)[-1]
                cyc = (x, m.group(1))
                break
        if cyc is None:
            fail("no call found for the cycle mutation")
        else:
            x, y = cyc
            mpaths = []
            for p0 in paths:
                t = texts[p0]
                hdr = re.search(r"^process %s .*\{\n" % y, t, re.M)
                if hdr:
                    t = t[:hdr.end()] + '  step Zyklus99 "x" { call %s }\n' % x + t[hdr.end():]
                mp = os.path.join(tmp, "mut", os.path.relpath(p0, d))
                write_file(mp, t.encode("utf-8"))
                mpaths.append(mp)
            errors, _ = check_model(mpaths)
            if not any("call cycle" in e for e in errors):
                fail("call cycle not detected: %s" % errors[:3])
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print("selftest %s" % ("passed" if ok else "FAILED"), file=sys.stderr)
    return 0 if ok else 1


def main(argv=None):
    ap = argparse.ArgumentParser(description="Deterministic generator of synthetic Orga models.")
    mode = ap.add_mutually_exclusive_group(required=True)
    mode.add_argument("--lines", type=int, help="multi-file model of about this many lines (--out DIR)")
    mode.add_argument("--single-process-nodes", type=int, metavar="N",
                      help="one process with N nodes (--out FILE)")
    mode.add_argument("--pathological", choices=["braces", "longline", "garbage", "deep"],
                      help="robustness input (--out FILE)")
    mode.add_argument("--check", metavar="PATH", help="run the sanity checker on a file or directory")
    mode.add_argument("--selftest", action="store_true", help="generate, check and mutation-test")
    ap.add_argument("--out", help="output directory (--lines) or file")
    ap.add_argument("--seed", type=int, default=DEFAULT_SEED, help="random seed (default %(default)s)")
    ap.add_argument("--force", action="store_true", help="replace .orga files already in --out DIR")
    ap.add_argument("--time-ranges", action="store_true",
                    help="with --lines: write every step time as a range with the same mean")
    ap.add_argument("--volume-ranges", action="store_true",
                    help="with --lines: write every process volume as a range with the same mean")
    args = ap.parse_args(argv)

    if args.selftest:
        return selftest(args.seed)
    if args.check:
        paths = orga_files(args.check)
        if not paths:
            print("no .orga files under %s" % args.check, file=sys.stderr)
            return 2
        t0 = time.time()
        errors, cnt = check_model(paths)
        for e in errors[:200]:
            print(e, file=sys.stderr)
        if len(errors) > 200:
            print("... %d more" % (len(errors) - 200), file=sys.stderr)
        cnt["seconds"] = round(time.time() - t0, 2)
        report(cnt, "check %s" % ("ok" if not errors else "FAILED (%d errors)" % len(errors)))
        return 1 if errors else 0
    if not args.out:
        ap.error("--out is required")
    if args.lines is not None:
        if args.lines < 1:
            ap.error("--lines must be positive")
        st, _ = gen_lines(args.lines, args.out, args.seed, args.force, args.time_ranges, args.volume_ranges)
        report(st, "model")
    elif args.single_process_nodes is not None:
        if args.single_process_nodes < 1:
            ap.error("--single-process-nodes must be positive")
        t0 = time.time()
        sg = SingleGen(args.single_process_nodes, args.seed)
        data = sg.text().encode("utf-8")
        write_file(args.out, data)
        sg.stats["lines"] = data.count(b"\n")
        sg.stats["bytes"] = len(data)
        sg.stats["seconds"] = round(time.time() - t0, 2)
        report(sg.stats, "single-process")
    else:
        t0 = time.time()
        data = pathological(args.pathological, args.seed)
        write_file(args.out, data)
        print("genmodel pathological %s: bytes=%d lines=%d seconds=%.2f"
              % (args.pathological, len(data), data.count(b"\n"), time.time() - t0),
              file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
