// Package networktest provides what tests of rare-disease care networks
// need, in the manner of net/http/httptest: generators of valid networks
// for property tests (pgregory.net/rapid), one defect injector per rule of
// the catalogue RULES.md, helpers that respell IDs and permute records,
// and a deterministic national-scale network for benchmarks. Package
// rules tests itself with it; so can anyone who checks data or rules of
// their own against RULES.md.
//
// Nothing here is needed outside tests, and nothing here reads a clock:
// every audit date is given.
//
// # Compliant networks
//
// [Network] returns a rapid generator of networks that build and break no
// rule at the audit date Options.At under the default configuration of
// package rules: with it, rules.Check finds nothing. Options choose the
// date, the size, the depth of history, designation records of the 2007
// campaign, and full coverage of the 18 regions by the 17 groups (for the
// coverage analysis, off by default). [Scale] builds a large compliant
// network deterministically, in linear time, compliant at [ScaleAt].
//
// # Injected defects
//
// [Inject] takes a compliant network and a rule ID ([Rules] lists them)
// and returns a copy with exactly one defect against that rule, with the
// [Defect] (the finding) it must produce: the audit of the copy gives that
// finding and nothing else. The subject is drawn among the entities that
// can carry the defect without another rule noticing; when there is none,
// a fresh compliant subject is added first. What each injector does:
//
//   - competence.min-active-file: the active file of one wholly labelled
//     year of a competence centre drops below 25 (year set).
//   - competence.activity-missing: the activity of one wholly labelled year
//     before At's year is deleted (year set).
//   - competence.interregional-preferred: a regional competence centre in
//     force lists one to three diseases, new to the network, all of low
//     prevalence.
//   - competence.unattached: the conventions running at At of a competence
//     centre in force end by At or go.
//   - team.duplicate-label, team.reference-and-competence: the team of a
//     centre C in force at At gets a second centre, of C's tier or of the
//     other one, with C's group and diseases, labelled from At within C's
//     label (so C is the only centre it meets). Subject: the team.
//   - label.window-too-long: a label's initial window grows past five
//     years; a withdrawal on the old end keeps the effective window.
//   - label.extension-without-basis: an extension loses its act, or one
//     without an act is added (effective window kept by a withdrawal).
//   - label.overlap: a centre gets a label inside one of its labels, both
//     evaluated.
//   - label.gap: a renewal label starting before At starts 1 to 300 days
//     later (never after At).
//   - label.renewal-without-evaluation: the label before a renewal loses
//     its evaluations inside its effective window (deleted, or dated after
//     its end).
//   - label.activity-outside-window: activity is recorded for a year before
//     a centre's first label, or after its last one (year set).
//   - label.lapsed: a centre in force that is no convention's reference
//     party stops being labelled on a day E on or before At (date E).
//   - convention.group-mismatch: a reference centre of another group
//     becomes a party to a convention, or signs a new one with a
//     competence centre.
//   - convention.outlives-reference-label: a convention running past a day
//     E on or before At gets a new reference party of its group whose only
//     label ended on E (date E). That party is a lapsed centre, so
//     [Defect.Also] holds label.lapsed on it: the only defect that brings
//     another finding.
//   - convention.missing-cosignatory: a coordinating site due to co-sign a
//     convention (of its group, in force on the signing day) is removed
//     from its signatories.
//   - reference.orphan-constitutive-site: a constitutive site points at no
//     coordinating site, at itself or another constitutive site, at a
//     competence centre, or at a coordinating site of another group.
//   - filiere.reference-outside-filiere: a coordinating site in force at At
//     leaves every sector (At must be on or after 2015-01-01).
//   - filiere.reference-in-several: a coordinating site joins a second
//     sector.
//   - platform.single-centre-host: a platform, new or moved, is hosted by
//     an establishment that is the seat of fewer than two centres in force.
//   - activity.inconsistent: one activity year gets more new patients than
//     patients, or fewer consultations than patients (year set).
//   - designation.missing-opinion: a competence centre's designation record
//     loses the committee's opinion, or one without it is added.
//   - designation.late: a designation of the 2007 campaign is decided 1 to
//     400 days after 1 February 2008 (date: the decision).
//   - coverage.region-without-centre: every (region, group) pair is covered
//     first, then the centres of one pair in force at At move to another
//     region (subject: the region code; group set). Expected with the
//     coverage analysis on; with it off, the copy gives no finding.
//
// # Order and spelling of records
//
// Findings must not depend on the order of input records nor on how IDs
// are spelled. [Permuted] returns a Builder holding a network's records in
// an order drawn by the test; [Respell] renames every ID, in another order
// and style, and returns the renaming, which [Defect.Renamed] applies to
// the expected findings; [RenameIDs] applies a renaming of your own. The
// generated IDs themselves vary in case, separators and digits, and some
// differ from another only by case.
//
// # Reading of RULES.md
//
// The generators and injectors read RULES.md as package rules does; where
// the text leaves room, they take the reading below, and the generated
// networks make sure the rules take it too:
//
//   - A convention attaches its competence centre when it runs at At and
//     one of its reference parties is of the centre's group and in force at
//     At; another party, of another group or lapsed, does not undo that.
//   - Co-signatories are the coordinating sites of the competence party's
//     group in force on the signing day; other signatories are allowed.
//   - A coordinating site listed twice by one sector belongs to one sector.
//   - Per-year and label rules apply to every year and label, before or
//     after At: activity recorded for a future year without a label is
//     outside every window; a wholly labelled year is judged on its active
//     file whenever activity is recorded for it.
//   - Evaluations and extensions dated after a label's end are allowed; an
//     evaluation dated after the effective end does not count for renewal.
//   - Diseases are the same when their ORPHAcodes are, whatever their
//     names; without a code, when their names are exactly equal.
//   - Where a rule could report once per pair (overlap, teams) or once per
//     subject, each injector creates exactly one pair, so both readings
//     give one finding.
//
// # A property test
//
//	func TestInjectedDefects(t *testing.T) {
//		for _, rule := range networktest.Rules() {
//			t.Run(rule, rapid.MakeCheck(func(t *rapid.T) {
//				at := networktest.DefaultAt
//				n := networktest.Network(networktest.Options{At: at}).Draw(t, "network")
//				n, want := networktest.Inject(t, n, at, rule)
//				cfg := rules.DefaultConfig()
//				cfg.Coverage = want.SubjectKind == networktest.KindRegion
//				report, err := rules.Check(n, at, cfg)
//				// compare report.Findings with want.All() on rule,
//				// subject, subject kind, year (and group, date when set)
//			}))
//		}
//	}
package networktest
