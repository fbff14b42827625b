"""Capture the README's screenshots from the real app on an X server (run under xvfb-run).

Uses throwaway data folders, the embedded default model and an in-memory keyring, so it never
touches the operator's real data or credential store. The 200% picture needs the scale factor
before QApplication exists, so it is taken by a second run of this script (`--scaled`).

It plays the careful nurse: sign in, paste, generate, check, rewrite what the checker blocks,
settle every flag, sign and copy the note for the EHR; it prints how long that took, the figure
`docs/performance.md` records.
"""

import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEventLoop, Qt, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from app.domain.notes import DraftStatus, NoteKind
from app.domain.roles import Role
from app.domain.settings import Settings
from app.keys.memory_keyring import use_memory_keyring
from app.paths import resources_dir
from app.services.demo import DEMO_PASSWORD, DEMO_USERNAME, demo_patients
from app.services.workstation import StartOptions, Workstation
from app.ui.appearance import apply_appearance
from app.ui.application import WindowController
from app.ui.main_window import MainWindow
from app.ui.settings_dialog import SettingsDialog

OUT = Path(__file__).resolve().parent
WINDOW = (1400, 820)
POLICY = "[settings]\nidle_lock_minutes = 5\nclipboard_clear_seconds = 30\nhigh_contrast = false\n"


def _wait_for(condition: Callable[[], bool], seconds: float) -> None:
    loop = QEventLoop()
    timer = QTimer()
    timer.timeout.connect(lambda: loop.quit() if condition() else None)
    timer.start(50)
    QTimer.singleShot(int(seconds * 1000), loop.quit)
    loop.exec()
    if not condition():
        raise TimeoutError("the window did not reach the expected state")


def _pause(milliseconds: int = 300) -> None:
    loop = QEventLoop()
    QTimer.singleShot(milliseconds, loop.quit)
    loop.exec()


def _shoot(widget: QWidget, name: str) -> None:
    _pause()
    widget.screen().grabWindow(widget.winId()).save(str(OUT / name))
    print(f"wrote {OUT / name}")


def _sign_in(controller: WindowController) -> MainWindow:
    dialog = controller.sign_in_dialog
    assert dialog is not None
    _wait_for(dialog.isVisible, 10)
    dialog.username.setText(DEMO_USERNAME)
    dialog.password.setText(DEMO_PASSWORD)
    dialog.sign_in_button.click()
    _wait_for(lambda: controller.window is not None, 30)
    window = controller.window
    assert isinstance(window, MainWindow), "the demo nurse signs in to the desk"
    window.resize(*WINDOW)
    _wait_for(lambda: window.patient_bar.picker.count() > 0, 10)
    window.patient_bar.picker.setCurrentIndex(0)
    return window


def _generate(window: MainWindow) -> None:
    notes = (resources_dir() / "demo" / "shift-notes.txt").read_text(encoding="utf-8")
    window.source_edit.setPlainText(notes)
    window.kind_box.setCurrentIndex(window.kind_box.findData(NoteKind.SHIFT_SBAR))
    window.generate_button.click()
    _wait_for(lambda: not window.stop_button.isEnabled(), 900)


NURSE_EDIT = (
    "Situation:\nAlex Demo, day 2 of community-acquired pneumonia, R lower lobe. Full code. "
    "Allergies: penicillin (hives).\n"
    "Background:\nAdmitted 11/21. Hx HTN, type 2 DM.\n"
    "Assessment:\n1400 BP 134/82, HR 88, RR 18, SpO2 95% on 2 L NC, T 37.6 C. Coarse crackles "
    "RLL, productive cough. K 3.4 this AM; KCl 20 mEq PO ordered and given at 1530.\n"
    "Recommendation:\nContinue IV antibiotics, wean O2 to keep SpO2 > 92%, repeat BMP in AM.\n"
)
"""The SBAR as the nurse leaves it after review: the model's draft, rewritten where it repeated
itself and left out the code status and the new potassium order (both block signing)."""


def _edit_as_the_nurse(window: MainWindow) -> None:
    window.draft_edit.setPlainText(NURSE_EDIT)
    window.save_button.click()
    _wait_for(lambda: window.notice.text().startswith("Saved"), 30)
    window.review_panel.check_button.click()
    _wait_for(lambda: window.review_panel.report is not None, 30)


def _sign_current(window: MainWindow) -> None:
    """Accept each remaining flag with the first listed reason, then sign with attestation."""
    panel = window.review_panel
    while panel.report is not None and panel.report.blocking:
        blocking = {flag.id for flag in panel.report.blocking}
        for row in range(panel.flag_list.count()):
            if panel.flag_list.item(row).data(Qt.ItemDataRole.UserRole) in blocking:
                panel.flag_list.setCurrentRow(row)
                break
        panel.accept_button.click()
        _wait_for(_fewer_blocking(window, len(blocking)), 30)
    panel.sign_button.click()
    dialog = panel.attestation_dialog
    assert dialog is not None
    dialog.attest.setChecked(True)
    dialog.sign_button.click()
    _wait_for(
        lambda: (
            window.current_draft is not None and window.current_draft.status is DraftStatus.SIGNED
        ),
        30,
    )


def _fewer_blocking(window: MainWindow, before: int) -> Callable[[], bool]:
    def fewer() -> bool:
        report = window.review_panel.report
        return report is not None and len(report.blocking) < before

    return fewer


def _amend_and_show_history(window: MainWindow) -> None:
    """Amend the signed note, add to its shortest sentence line, save, open the history."""
    panel = window.review_panel
    panel.amend_button.click()
    amend = panel.amend_dialog
    assert amend is not None
    _wait_for(amend.isVisible, 10)
    amend.amend_button.click()
    _wait_for(
        lambda: (
            window.current_draft is not None and window.current_draft.status is DraftStatus.DRAFT
        ),
        30,
    )
    lines = window.draft_edit.toPlainText().split("\n")
    sentences = [row for row, line in enumerate(lines) if len(line) > 20 and line[-1] != ":"]
    shortest = min(sentences, key=lambda row: len(lines[row]))
    lines[shortest] += " Family updated at the bedside at 1800."
    window.draft_edit.setPlainText("\n".join(lines))
    window.save_button.click()
    _wait_for(lambda: window.notice.text().startswith("Saved"), 30)
    panel.history_button.click()
    dialog = panel.history_dialog
    assert dialog is not None
    _wait_for(lambda: dialog.diff_view.toPlainText() != "", 30)
    _shoot(dialog, "history.png")
    dialog.close()


def _more_drafts(workstation: Workstation) -> None:
    """A few saved drafts for other patients, so the filtered list has something to filter."""
    session = workstation.auth.sign_in(DEMO_USERNAME, DEMO_PASSWORD)
    for patient in demo_patients()[1:]:
        notes = f"0800 BP 128/82, HR 76, SpO2 97% RA. Up in chair. Bed {patient.bed}.\n"
        for kind in (NoteKind.SHIFT_DAR, NoteKind.IPASS, NoteKind.DISCHARGE):
            workstation.drafts.create_draft(session, patient.mrn, kind, notes)
    workstation.auth.sign_out(session)


def desk_pictures(app: QApplication, data: Path) -> None:
    workstation = Workstation.open(StartOptions(data_dir=data, demo=True))
    _more_drafts(workstation)
    controller = WindowController(workstation)
    started = time.monotonic()
    controller.start()
    dialog = controller.sign_in_dialog
    assert dialog is not None
    _wait_for(dialog.isVisible, 10)
    _shoot(dialog, "sign-in.png")
    window = _sign_in(controller)
    _generate(window)
    _shoot(window, "desk.png")
    window.review_panel.check_button.click()
    _wait_for(lambda: window.review_panel.report is not None, 30)
    _shoot(window, "review.png")
    _edit_as_the_nurse(window)
    _sign_current(window)
    window.copy_for_ehr_button.click()
    _wait_for(lambda: window.statusBar().currentMessage().startswith("Copied"), 30)
    print(
        f"careful-nurse flow, sign-in to a signed note copied for the EHR: "
        f"{time.monotonic() - started:.1f} s"
    )
    _shoot(window, "signed.png")
    drafts = window.drafts_list
    with_search = drafts.count()
    drafts.search("jordan")
    _wait_for(lambda: drafts.count() != with_search, 10)
    drafts.view.setFocus()
    _shoot(window, "drafts-list.png")
    drafts.search("")
    apply_appearance(app, Settings(high_contrast=True))
    _shoot(window, "high-contrast.png")
    apply_appearance(app, workstation.settings.effective)
    _amend_and_show_history(window)
    window.lock()
    _wait_for(lambda: window.is_locked, 5)
    _shoot(window, "locked.png")
    window.confirm_discard = lambda: True
    window.close()
    controller.tasks.wait(30_000)
    workstation.close()


def settings_picture(data: Path) -> None:
    """The settings dialog on a workstation whose machine policy locks two settings."""
    data.mkdir()
    policy = data / "policy.toml"
    policy.write_text(POLICY)
    os.environ["WARDSCRIBE_POLICY_FILE"] = str(policy)
    workstation = Workstation.open(StartOptions(data_dir=data))
    try:
        workstation.accounts.add("it.admin", "IT Admin", Role.IT_ADMIN, "it-admin-password")
        session = workstation.auth.sign_in("it.admin", "it-admin-password")
        controller = WindowController(workstation)
        dialog = SettingsDialog(workstation.settings_service, session, controller.tasks)
        dialog.show()
        _wait_for(dialog.isVisible, 10)
        _shoot(dialog, "settings.png")
        dialog.close()
        controller.tasks.wait(10_000)
    finally:
        workstation.close()
        del os.environ["WARDSCRIBE_POLICY_FILE"]


def scaled_picture(data: Path) -> None:
    workstation = Workstation.open(StartOptions(data_dir=data, demo=True))
    controller = WindowController(workstation)
    controller.start()
    window = _sign_in(controller)
    window.setGeometry(window.screen().availableGeometry())
    _shoot(window, "scale-200.png")
    window.close()
    controller.tasks.wait(30_000)
    workstation.close()


def main() -> int:
    use_memory_keyring()
    scaled = "--scaled" in sys.argv
    app = QApplication(sys.argv[:1])
    with tempfile.TemporaryDirectory() as data:
        if scaled:
            scaled_picture(Path(data))
        else:
            desk_pictures(app, Path(data) / "demo-data")
            settings_picture(Path(data) / "policy-data")
    app.quit()
    if not scaled:
        subprocess.run(  # noqa: S603 - this same script, with the scale set before Qt starts
            [sys.executable, __file__, "--scaled"],
            env={**os.environ, "QT_SCALE_FACTOR": "2"},
            check=True,
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
