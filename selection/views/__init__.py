"""Views of the selection: the office's pages (rules, runs, decision, letters) and the
public cohort page. All office pages are for Role.OFFICE only."""
