"""A night of ICU nursing notes written for these tests, in the shorthand real notes use."""

SHIFT = """\
Night shift note 11/20
68 yo M admitted 11/18 with CHF exacerbation. PMH: CAD, HTN, DM2.
Allergies: penicillin (hives). Code status: FULL CODE.

0000 VS: BP 142/88, HR 96, RR 22, T 37.9, SpO2 91% on 4L NC.
0200 HR 104 sinus tach. Lasix 40 mg IV given at 0215 with good response.
0400 BP 128/76, HR 88, SpO2 95% on 2L NC.
0600 BP 118/70, HR 82, SpO2 96% on 2L NC. Pain 2/10.
I/O: intake 900 mL, UO 1650 mL.
Labs: K 3.2, Na 138, Cr 1.4, Hgb 9.1.
KCl 20 mEq PO given at 0630. Metoprolol increased to 50 mg PO BID. Heparin gtt stopped at 0300.
Started ceftriaxone 1 g IV daily.
Lines: R PICC, Foley to gravity.
Repeat BMP pending. Blood cultures sent.

Plan:
Recheck K at 1200.
Wean O2 to keep SpO2 > 92%.
Daily weight in the morning.
"""
