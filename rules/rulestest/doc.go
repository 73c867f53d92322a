// Package rulestest injects defects into rare-disease care networks, one
// injector per rule of the catalogue RULES.md, for property tests of
// package rules and of anything that checks data against RULES.md.
//
// [Inject] takes a compliant network (such as those of package
// network/networktest) and a rule ID, one of the constants of package
// rules ([Rules] lists them in the order of RULES.md), and returns a copy
// with exactly one defect against that rule, with the [Defect] it must
// produce as findings of package rules: the audit of the copy gives those
// findings and nothing else. [Comparable] cuts an audit's findings down to
// what a Defect predicts, so that a test compares them with go-cmp;
// [Defect.Renamed] follows a renaming of IDs (networktest.Respell,
// networktest.RenameIDs).
//
// The subject is drawn among the entities that can carry the defect
// without another rule noticing; when there is none, a fresh compliant
// subject is added first. The injectors edit the network through
// networktest.Model and respect the thresholds of [rules.DefaultConfig].
// What each injector does:
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
//   - competence.attachment-mismatch: a competence centre is attached
//     (attached_to) to a reference centre of another group.
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
//     [Defect.Also] holds label.lapsed on it.
//   - convention.outlives-competence-label: a new competence centre whose
//     only label ended on a day E on or before At has a convention that
//     runs past E (date E); [Defect.Also] holds label.lapsed on the centre.
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
//   - coverage.interregion-without-centre: likewise for every region of an
//     interregion (subject: the interregion's slug; group set); the
//     findings of its regions are in [Defect.Also].
//
// # A property test
//
//	func TestInjectedDefects(t *testing.T) {
//		for _, rule := range rulestest.Rules() {
//			t.Run(rule, rapid.MakeCheck(func(t *rapid.T) {
//				at := networktest.DefaultAt
//				n := networktest.Network(networktest.Options{At: at}).Draw(t, "network")
//				n, d := rulestest.Inject(t, n, at, rule)
//				cfg := rules.DefaultConfig()
//				cfg.Coverage = strings.HasPrefix(rule, "coverage.")
//				report, err := rules.Check(n, at, cfg)
//				if err != nil {
//					t.Fatal(err)
//				}
//				want := d.All()
//				got := rulestest.Comparable(report.Findings(), want)
//				if diff := cmp.Diff(want, got, cmpopts.EquateComparable(labelling.Date{})); diff != "" {
//					t.Fatalf("audit mismatch (-want +got):\n%s", diff)
//				}
//			}))
//		}
//	}
package rulestest
