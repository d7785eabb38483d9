"""The dialog's pages for changes to people: more people, people leaving or away, an extra
skill for a group, the cover pool on or off."""

from __future__ import annotations

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDateEdit, QSpinBox

from planner.model import AbsenceKind
from planner.whatif import Absent, AddSkill, AddStaff, CoverPool, RemoveStaff
from ui.gui.variant_forms import ChangeForm, PeoplePicker, combo

KINDS = {AbsenceKind.ANNUAL_LEAVE: "annual leave", AbsenceKind.SICKNESS: "sickness",
         AbsenceKind.TRAINING: "training", AbsenceKind.OTHER: "other"}


class AddStaffForm(ChangeForm):
    title = "More people"

    def build(self) -> None:
        self.count = QSpinBox(self)
        self.count.setRange(0, 100)
        self.count.setValue(1)
        self.like = combo(self, [(f"{p.name} ({p.staff_id}), {p.team}", str(p.staff_id))
                                 for p in self.base.staff], "Like whom")
        self.form.addRow("&How many:", self.count)
        self.form.addRow("&Like:", self.like)

    def change(self) -> AddStaff:
        return AddStaff(self.like.currentData() or "", self.count.value())


class RemoveStaffForm(ChangeForm):
    title = "People leave"

    def build(self) -> None:
        self.people = PeoplePicker(self.base, self)
        self.form.addRow("&Who leaves:", self.people)

    def change(self) -> RemoveStaff:
        return RemoveStaff(self.people.chosen())


class AbsentForm(ChangeForm):
    title = "People away"

    def build(self) -> None:
        settings = self.base.settings
        self.people = PeoplePicker(self.base, self)
        self.start, self.end = QDateEdit(self), QDateEdit(self)
        for edit in (self.start, self.end):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("ddd dd MMM yyyy")
            edit.setDate(QDate(settings.plan_start))
        self.kind = combo(self, [(text, kind.value) for kind, text in KINDS.items()], "Kind")
        self.form.addRow("&Who:", self.people)
        self.form.addRow("&From:", self.start)
        self.form.addRow("&To:", self.end)
        self.form.addRow("&Kind:", self.kind)

    def change(self) -> Absent:
        return Absent(self.people.chosen(), self.start.date().toPython(),
                      self.end.date().toPython(), self.kind.currentData())


class AddSkillForm(ChangeForm):
    title = "Extra skill for a group"

    def build(self) -> None:
        names = [str(c.name) for c in self.base.channels]
        names += [str(q.name) for q in self.base.case_queues]
        self.skill = combo(self, [(name, name) for name in names], "Skill")
        teams = sorted({person.team for person in self.base.staff})
        self.team = combo(self, [("No whole team", None)] + [(t, t) for t in teams], "Team")
        self.people = PeoplePicker(self.base, self)
        self.form.addRow("&Skill:", self.skill)
        self.form.addRow("&Team:", self.team)
        self.form.addRow("and/or &people:", self.people)

    def change(self) -> AddSkill:
        return AddSkill(self.skill.currentData() or "", self.people.chosen(),
                        self.team.currentData())


class CoverForm(ChangeForm):
    title = "Cover pool on or off"

    def build(self) -> None:
        self.on = combo(self, [("off (cover staff leave the plan)", False), ("on", True)],
                        "Cover pool")
        self.form.addRow("Cover &pool:", self.on)

    def change(self) -> CoverPool:
        return CoverPool(bool(self.on.currentData()))
