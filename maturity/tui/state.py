"""The TUI's data layer: catalogue + assessment + analysis, pure replace functions, autosave.

No Textual here. Every change is a pure function ``Assessment -> Assessment`` (built on the model's
own ``with_answer``, so answers to criteria no plugin knows are carried along untouched); the
:class:`Store` swaps the assessment, recomputes the whole analysis (``engine.analysis.analyse``,
a few milliseconds) and saves atomically. Saving is safe to call from a worker thread: it always
writes the newest assessment, and never an older one over a newer one.
"""

from __future__ import annotations

import dataclasses
import re
import threading
from dataclasses import dataclass
from pathlib import Path

from ..engine.analysis import Analysis, analyse
from ..model.assessment import ANSWER_WORDS, Answer, Assessment, Meta, Participant
from ..model.content import Stage

ANSWER_KEYS: dict[str, str | None] = {"1": "met", "2": "mostly", "3": "partly", "4": "not_met", "5": "n/a", "0": None}
"""One key per answer; ``0`` clears it."""
STAGE_WORDS = tuple(s.name for s in Stage)
UNDO_DEPTH = 200


# ---------------------------------------------------------------- pure changes


def set_answer(a: Assessment, scope: str, criterion: str, word: str | None, reason: str | None = None) -> Assessment:
    """The settled answer of one criterion replaced; note, evidence and votes kept.

    ``n/a`` keeps (or takes) a reason; any other answer drops the reason. ``None`` clears the answer.
    """
    if word is not None and word not in ANSWER_WORDS:
        raise ValueError(f"not an answer: {word!r}")
    old = a.answer_for(scope, criterion) or Answer()
    if word == "n/a":
        new_reason = (reason if reason is not None else old.reason).strip()
    else:
        new_reason = ""
    return a.with_answer(scope, criterion, old.model_copy(update={"answer": word, "reason": new_reason}))


def set_note(a: Assessment, scope: str, criterion: str, note: str, evidence: str) -> Assessment:
    """The note and evidence of one criterion replaced (the answer and votes kept)."""
    old = a.answer_for(scope, criterion) or Answer()
    return a.with_answer(scope, criterion, old.model_copy(update={"note": note, "evidence": evidence}))


def set_vote(a: Assessment, scope: str, criterion: str, participant: str, word: str | None) -> Assessment:
    """One participant's vote on a criterion set (``None`` removes it)."""
    if word is not None and word not in ANSWER_WORDS:
        raise ValueError(f"not an answer: {word!r}")
    old = a.answer_for(scope, criterion) or Answer()
    votes = dict(old.votes)
    if word is None:
        votes.pop(participant, None)
    else:
        votes[participant] = word
    return a.with_answer(scope, criterion, old.model_copy(update={"votes": votes}))


def set_target(a: Assessment, scope: str, stage: int | str | None) -> Assessment:
    """A scope's target stage set (``None`` removes it)."""
    targets = dict(a.targets)
    if stage is None:
        targets.pop(scope, None)
    else:
        targets[scope] = stage if isinstance(stage, str) else STAGE_WORDS[stage]
    return a.model_copy(update={"targets": targets})


def shift_target(a: Assessment, scope: str, reached: int, by: int) -> Assessment:
    """A target raised or lowered one stage: raising an unset target aims at the next stage; lowering it to
    the stage already reached (or below) removes it."""
    cur = a.targets.get(scope)
    top = len(STAGE_WORDS) - 1
    if cur is None:
        return a if by < 0 or reached >= top else set_target(a, scope, reached + 1)
    new = STAGE_WORDS.index(cur) + by
    if new <= reached:
        return set_target(a, scope, None)
    return set_target(a, scope, min(new, top))


def set_profile(a: Assessment, question: str, option: str | None) -> Assessment:
    profile = dict(a.profile)
    if option is None:
        profile.pop(question, None)
    else:
        profile[question] = option
    return a.model_copy(update={"profile": profile})


def toggle_profile(a: Assessment, question: str, option: str) -> Assessment:
    """For a question that takes several answers: add the option, or take it away if given already."""
    from ..model.assessment import profile_answers

    given = list(profile_answers(a.profile.get(question)))
    given = [g for g in given if g != option] if option in given else given + [option]
    profile = dict(a.profile)
    if not given:
        profile.pop(question, None)
    else:
        profile[question] = given[0] if len(given) == 1 else tuple(given)
    return a.model_copy(update={"profile": profile})


def set_team(a: Assessment, question: str, option: str | None) -> Assessment:
    team = dict(a.team)
    if option is None:
        team.pop(question, None)
    else:
        team[question] = option
    return a.model_copy(update={"team": team})


def participant_id(name: str, taken) -> str:
    """An id for a participant made from their name (``p1``, ``p2``… when the name gives none)."""
    base = re.sub(r"[^a-z0-9]+", "_", name.lower()).strip("_")[:24]
    if base and base[0].isalpha() and base not in taken:
        return base
    if not base or not base[0].isalpha():
        base = "p"
    n = 1 if base == "p" else 2
    while f"{base}{n}" in taken:
        n += 1
    return f"{base}{n}"


def add_participant(a: Assessment, name: str, role: str = "") -> tuple[Assessment, str]:
    """A participant added; returns the new assessment and the participant's id."""
    name = name.strip()
    if not name:
        raise ValueError("a participant needs a name")
    pid = participant_id(name, {p.id for p in a.participants})
    return a.model_copy(update={"participants": a.participants + (Participant(id=pid, name=name, role=role.strip()),)}), pid


def remove_participant(a: Assessment, pid: str) -> Assessment:
    """A participant removed, with their votes (a vote by a non-participant would be a finding)."""
    out = a.model_copy(update={"participants": tuple(p for p in a.participants if p.id != pid)})
    for sid, crits in a.answers.items():
        for cid, ans in crits.items():
            if pid in ans.votes:
                out = set_vote(out, sid, cid, pid, None)
    return out


def toggle_tracked(a: Assessment, indicator: str) -> Assessment:
    """An indicator marked as already tracked by the client, or unmarked."""
    tracked = tuple(i for i in a.tracked if i != indicator)
    if len(tracked) == len(a.tracked):
        tracked = tuple(sorted(a.tracked + (indicator,)))
    return a.model_copy(update={"tracked": tracked})


def new_assessment(client: str, system: str = "", perspective: str = "back_office", domains=(), profile=None,
                   team=None, assessor: str = "", language: str = "en") -> Assessment:
    """A fresh assessment from the new-assessment form."""
    return Assessment(
        meta=Meta(client=client.strip(), system=system.strip(), perspective=perspective, assessor=assessor.strip(),
                  domains=tuple(domains), language=language),
        profile={k: v for k, v in (profile or {}).items() if v},
        team={k: v for k, v in (team or {}).items() if v},
    )


# ---------------------------------------------------------------- reading helpers


def domain_scopes(catalogue, analysis: Analysis) -> list[tuple[str, list[str]]]:
    """The assessment's domains in order, each with its scope ids (content order)."""
    out = []
    for d in analysis.result.domains:
        dom = catalogue.domains[d]
        out.append((d, [f"{d}.{s.id}" for s in dom.scopes]))
    return out


def scope_order(catalogue, analysis: Analysis) -> list[str]:
    return [s for _, ss in domain_scopes(catalogue, analysis) for s in ss]


def criteria_by_stage(catalogue, scope: str) -> list[tuple[int, list]]:
    """A scope's criteria grouped by stage (1..4), in content order."""
    groups: dict[int, list] = {i: [] for i in range(1, 5)}
    for c in catalogue.scopes[scope].criteria:
        groups[Stage[c.stage].value].append(c)
    return [(st, cs) for st, cs in groups.items() if cs]


def progress(catalogue, analysis: Analysis, scope: str) -> tuple[int, int]:
    """(answered, applicable) for one scope: applicable leaves out criteria answered n/a and those the profile
    makes n/a (while unanswered); answered counts the applicable ones with a settled answer."""
    a = analysis.assessment
    r = analysis.result.scopes.get(scope)
    profile_na = r.profile_na if r is not None else {}
    answered = applicable = 0
    for c in catalogue.scopes[scope].criteria:
        ans = a.answer_for(scope, c.id)
        word = ans.answer if ans else None
        if word == "n/a" or (word is None and c.id in profile_na):
            continue
        applicable += 1
        answered += word is not None
    return answered, applicable


def overall_progress(catalogue, analysis: Analysis) -> tuple[int, int]:
    """(answered, applicable) over every scope the assessment covers (scopes switched off left out)."""
    done = total = 0
    for sid, r in analysis.result.scopes.items():
        if r.active and sid in catalogue.scopes:
            d, n = progress(catalogue, analysis, sid)
            done, total = done + d, total + n
    return done, total


def blockers(result, scope: str) -> tuple[list[tuple[str, str | None]], list]:
    """What blocks the next stage: the unmet criteria (id, answer) and the dependencies that cap it."""
    r = result.scopes[scope]
    if r.reached >= 4:
        return [], []
    nxt = r.reached + 1
    todo = [(c.criterion, c.answer) for c in r.stages[nxt - 1].contributions if c.answer not in ("met", "n/a")]
    caps = [c for c in r.caps if c.stage == nxt]
    if r.capped:
        caps = list(r.capped_by) + [c for c in caps if c not in r.capped_by]
    return todo, caps


def profile_effects(catalogue, question: str) -> list[tuple[object, object]]:
    """The profile rules that listen to one question, with their domain: (domain, rule)."""
    return [(d, rule) for d in catalogue.domains.values() for rule in d.profile_rules if rule.question == question]


# ---------------------------------------------------------------- the store


class _folder_lock:
    """An exclusive ``flock`` on the snapshot's folder while a save checks the file and writes it, so two maturity
    processes never interleave a check and a write (no lock file is left; where flock is missing, no lock)."""

    def __init__(self, path: Path):
        import os

        self.folder = Path(os.path.realpath(path)).parent
        self.fd = None

    def __enter__(self):
        import os

        try:
            import fcntl

            self.fd = os.open(self.folder, os.O_RDONLY)
            fcntl.flock(self.fd, fcntl.LOCK_EX)
        except (ImportError, OSError):
            if self.fd is not None:
                os.close(self.fd)
            self.fd = None
        return self

    def __exit__(self, *exc):
        import os

        if self.fd is not None:
            os.close(self.fd)  # closing releases the lock
        return False


@dataclass(frozen=True)
class SaveResult:
    ok: bool
    error: str = ""
    merged: str = ""
    """Set when the file had been changed by another writer and its changes were merged in: a one-line notice."""


class Store:
    """The catalogue, the assessment being edited, its analysis, and where it is saved."""

    def __init__(self, catalogue, path: Path, assessment: Assessment | None = None):
        self.catalogue = catalogue
        self.path = Path(path)
        self._assessment: Assessment | None = None
        self.analysis: Analysis | None = None
        self.revision = 0
        self.saved_revision = 0
        self.save_error = ""
        self._undo: list[Assessment] = []
        self._redo: list[Assessment] = []
        self._save_lock = threading.Lock()
        self._state_lock = threading.Lock()
        self.current_scope: str | None = None
        self.current_criterion: str | None = None
        self._disk: bytes | None = None
        """The file's bytes as this session last read or wrote them: a save first checks the file still holds
        them, and merges another writer's changes when it does not (see docs/tui.md, two windows)."""
        if assessment is not None:
            self._disk = self._read_disk()
            self._set(assessment)
            self.saved_revision = self.revision
            if assessment.meta.last_scope in self.analysis.result.scopes:  # reopen where the consultant left off
                self.current_scope = assessment.meta.last_scope

    # state ------------------------------------------------------------
    @property
    def assessment(self) -> Assessment:
        assert self._assessment is not None, "no assessment yet"
        return self._assessment

    @property
    def ready(self) -> bool:
        return self._assessment is not None

    def _set(self, a: Assessment) -> None:
        analysis = analyse(self.catalogue, a)
        with self._state_lock:
            self._assessment = a
            self.analysis = analysis
            self.revision += 1
        order = scope_order(self.catalogue, analysis)
        if self.current_scope not in analysis.result.scopes:
            self.current_scope = order[0] if order else None
            self.current_criterion = None

    def start(self, a: Assessment) -> None:
        """Begin with a new assessment (from the form): it is unsaved until :meth:`save`."""
        self._set(a)

    def replace(self, a: Assessment) -> bool:
        """Swap in a changed assessment and rescore; False when nothing changed."""
        if self._assessment is not None and a == self._assessment:
            return False
        if self._assessment is not None:
            self._undo.append(self._assessment)
            del self._undo[:-UNDO_DEPTH]
        self._redo.clear()
        self._set(a)
        return True

    def remember(self, scope: str | None, lang: str) -> bool:
        """Keep the open scope and the language in the file's meta (``last_scope``, ``language``), so the next
        session opens where this one was. Not an undoable change, and nothing is rescored; False when both were
        already there."""
        with self._state_lock:
            a = self._assessment
            if a is None or (a.meta.last_scope == scope and a.meta.language == lang) or lang not in ("en", "zh"):
                return False
            meta = a.meta.model_copy(update={"last_scope": scope, "language": lang})
            self._assessment = a.model_copy(update={"meta": meta})
            self.analysis = dataclasses.replace(self.analysis, assessment=self._assessment)
            self.revision += 1
        return True

    def select_scope(self, scope: str) -> bool:
        """Make ``scope`` the current one (its criterion cursor reset); False when it already was."""
        if scope == self.current_scope:
            return False
        self.current_scope = scope
        self.current_criterion = None
        return True

    def undo(self) -> bool:
        if not self._undo:
            return False
        self._redo.append(self.assessment)
        self._set(self._undo.pop())
        return True

    def redo(self) -> bool:
        if not self._redo:
            return False
        self._undo.append(self.assessment)
        self._set(self._redo.pop())
        return True

    @property
    def dirty(self) -> bool:
        return self.revision != self.saved_revision

    # saving -----------------------------------------------------------
    def to_save(self) -> Assessment:
        """The assessment as saved: with the records of the plugins whose content it was scored with."""
        from ..snapshot.findings import plugin_records

        a = self.assessment
        return a.model_copy(update={"plugins": plugin_records(self.catalogue, a)})

    def _read_disk(self) -> bytes | None:
        try:
            return self.path.read_bytes()
        except OSError:
            return None

    def save(self) -> SaveResult:
        """Write the newest assessment atomically, if it changed since the last save. Thread-safe.

        Two writers lose nothing: when the file no longer holds what this session last read or wrote (another
        window or program saved it), it is read again and this session's changes are merged on top of it
        (``snapshot.merge``); the merged assessment is saved and becomes the one shown."""
        from ..errors import MaturityError
        from ..snapshot import save_snapshot

        with self._save_lock:
            with self._state_lock:
                a, rev = self._assessment, self.revision
            if a is None or rev == self.saved_revision:
                return SaveResult(True)
            ours, notice = a, ""
            try:
                from ..snapshot.findings import plugin_records

                with _folder_lock(self.path):  # another maturity process saving here waits: check and write are one
                    on_disk = self._read_disk()
                    if on_disk is not None and on_disk != self._disk:
                        a, notice = self._merge_from_disk(a, on_disk)
                    written = save_snapshot(a.model_copy(update={"plugins": plugin_records(self.catalogue, a)}),
                                            self.path)
            except MaturityError as exc:
                self.save_error = str(exc.problems[0].line() if exc.problems else exc)
                return SaveResult(False, self.save_error)
            except Exception as exc:  # noqa: BLE001 - a failed save is shown, never fatal
                why = exc.strerror.lower() if isinstance(exc, OSError) and exc.strerror else (str(exc) or "unexpected problem")
                self.save_error = f"{self.path}: cannot be written ({why})"
                return SaveResult(False, self.save_error)
            self._disk = written
            if a is not ours:
                rev = self._adopt(ours, a)
            self.saved_revision = max(self.saved_revision, rev)
            self.save_error = ""
            return SaveResult(True, merged=notice)

    def _merge_from_disk(self, ours: Assessment, on_disk: bytes) -> tuple[Assessment, str]:
        """This session's changes since the file was last read or written, on top of what is in it now."""
        from ..errors import MaturityError, Problem
        from ..snapshot.io import loads
        from ..snapshot.merge import changed_answers, merge

        try:
            theirs = loads(on_disk.decode("utf-8-sig"), str(self.path))
            base = loads(self._disk.decode("utf-8-sig"), str(self.path)) if self._disk else None
        except (MaturityError, UnicodeDecodeError) as exc:
            why = exc.problems[0].what if isinstance(exc, MaturityError) and exc.problems else "it is not UTF-8 text"
            raise MaturityError(Problem(str(self.path), "", f"was changed by another program and cannot be read now "
                                        f"({why}), so it was not overwritten",
                                        "fix or restore the file; your answers are kept here and saved with the "
                                        "next change")) from None
        from ..engine.renames import carry_answers

        theirs, _ = carry_answers(self.catalogue, theirs)
        merged, conflicts = merge(base, ours, theirs)
        n = changed_answers(base if base is not None else None, theirs)
        notice = (f"{self.path.name} was changed in another window or program: its {n} changed answer"
                  f"{'' if n == 1 else 's'} merged with yours")
        if conflicts:
            notice += f"; where both changed the same thing, yours were kept ({', '.join(conflicts[:3])}"
            notice += f" and {len(conflicts) - 3} more)" if len(conflicts) > 3 else ")"
        return merged, notice

    def _adopt(self, before: Assessment, merged: Assessment) -> int:
        """Show the merged assessment, keeping any change made while saving (and rebasing undo and redo, so an
        undo never takes the other writer's answers away). Returns the revision that matches the file."""
        from ..snapshot.merge import merge

        while True:
            with self._state_lock:
                cur, rev, undo, redo = self._assessment, self.revision, list(self._undo), list(self._redo)
            unchanged = cur == before
            new = merged if unchanged else merge(before, cur, merged)[0]
            undo = [merge(before, u, merged)[0] for u in undo]
            redo = [merge(before, r, merged)[0] for r in redo]
            analysis = analyse(self.catalogue, new)
            with self._state_lock:
                if self.revision != rev:
                    continue  # changed meanwhile: merge again
                self._assessment, self.analysis = new, analysis
                self._undo[:], self._redo[:] = undo, redo
                self.revision += 1
                return self.revision if unchanged else self.saved_revision
