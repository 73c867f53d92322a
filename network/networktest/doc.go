// Package networktest provides what tests of rare-disease care networks
// need, in the manner of net/http/httptest: generators of valid networks
// for property tests (pgregory.net/rapid), a mutable [Model] of a network
// for tests that edit one, helpers that respell IDs and permute records,
// and a deterministic national-scale network for benchmarks. Package
// rules tests itself with it (its defect injectors are in package
// rules/rulestest); so can anyone who checks data or rules of their own
// against RULES.md.
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
// # Editing a network
//
// [Edit] copies a network into a [Model]: its entities in plain slices,
// with methods that draw from the test's rapid.T and add compliant
// entities (fresh IDs, teams, establishments, conventions co-signed as
// they must be, sectors, platforms), and [Model.Build] builds it again.
// Package rules/rulestest injects one defect per rule of RULES.md through
// it.
//
// # Order and spelling of records
//
// Findings must not depend on the order of input records nor on how IDs
// are spelled. [Permuted] returns a Builder holding a network's records in
// an order drawn by the test; [Respell] renames every ID, in another order
// and style, and returns the renaming, which rulestest's Defect.Renamed
// applies to the expected findings; [RenameIDs] applies a renaming of your own. The
// generated IDs themselves vary in case, separators and digits, and some
// differ from another only by case.
//
// # Reading of RULES.md
//
// The generators (and the injectors of rules/rulestest) read RULES.md as
// package rules does; where the text leaves room, they take the reading
// below, and the generated networks make sure the rules take it too:
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
package networktest
