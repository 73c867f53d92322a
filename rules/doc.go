// Package rules checks a rare-disease care network ([network.Network])
// against the regulatory rules of the texts the module's README lists
// (section Sources), as the catalogue RULES.md lists them, and reports
// what it finds.
//
// # Rules
//
// A [Rule] is a value: a stable ID ("label.overlap"), a [Severity], a
// title, the source it comes from (a file of the sources and its section)
// and the code that finds its faults. The built-in rules are in
// [Catalogue], in the order of RULES.md; each ID is an exported constant
// ([CompetenceMinActiveFile], [LabelOverlap], ...) whose comment quotes
// the text behind it. [Lookup] finds a built-in rule by ID, and [NewRule]
// makes a rule of your own, which [CheckRules] runs beside the built-in
// ones.
//
// Severities follow RULES.md: [Violation] where a text says must or the
// data contradicts itself, [Advice] where it says prefer or should,
// [Info] for facts an analyst wants (a lapsed centre, a region without a
// centre for a group).
//
// # Audits
//
// [Check] audits a network on a day with the rules a [Config] selects and
// returns a [Report]: the audit date and the [Finding]s, sorted by
// severity, rule, subject, year and date, so that reports diff cleanly.
// Findings are data, never errors: Check fails only when it cannot audit
// (no network, no date, an invalid configuration). The library reads no
// clock: the date is always given.
//
// [DefaultConfig] holds RULES.md's thresholds: a minimum active file of
// 25 patients a year, low prevalence below 1 in 100,000, five-year labels,
// sectors since 2015-01-01, the 2007 designation deadline of 1 February
// 2008. Config.Rules and Config.Skip choose rules by ID, an ID possibly
// ending with '*' ("label.*"). The coverage analysis
// ([CoverageRegionWithoutCentre]) runs only with Config.Coverage or when
// Config.Rules names it.
//
// A Report writes itself for people ([Report.WriteText], with the
// evidence under each finding: [Report.WriteTextEvidence]) or as the JSON
// document of FORMAT.md ([Report.WriteJSON]); [Report.Filter],
// [Report.Summary] and [Report.Worst] serve programs that decide on it.
//
// # Findings
//
// A rule reports at most one finding per subject (and per year for the
// yearly rules, per group for the coverage rules): findings grow with the
// entities of the network, never with pairs of them, and a finding about
// several other entities names how many there are and at most five of
// them. Each finding carries its [Evidence]: the records that caused it
// (labels, events, activity years, conventions...), at most five plus a
// count, each with its JSON Pointer in the network's rarenet/1 document;
// a program that read the document adds their lines and columns (see
// network.Decoder.RecordPositions). The typed accessors
// ([Finding.Centre], [Finding.Convention], ...) give the subject as an ID
// of its kind.
//
// # Conventions
//
// The rules read the network as RULES.md says: a label is in force on day
// D when its effective window (after extensions, cut by a withdrawal)
// contains D, windows being half-open; a centre is labelled on every day
// of a year when the union of its labels' effective windows covers the
// year; a label's previous label is the one before it when the centre's
// labels are sorted by start, effective end, then document order
// ([labelling.History]); two coverages overlap when their groups are equal
// and a disease list is empty or the lists share a disease, diseases being
// compared by ORPHAcode, or by exact name when they have none.
//
// # Performance
//
// An audit visits every centre once, in ID order, through the network's
// allocation-free views, for all the rules that look at one centre at a
// time, and builds on the way the index that the rules looking across
// centres share (spans, coordinating sites by group). What does not depend
// on the audit date (conventions resolved to positions, the teams'
// clashes, the platforms' seats) is computed once per network and kept
// with it; so are the findings of the rules that depend neither on the
// date nor on more than the thresholds MinActiveFile, LabelTerm and
// DesignationDeadline (most of them), for a few sets of thresholds: a
// second audit of a network only runs the date's rules and shares the
// rest. Findings stay small records (positions, message arguments) in the
// [Report] until they are read: counting, summing up and filtering them
// builds nothing, and reading them ([Report.All], [Report.Findings])
// writes their messages and evidence without fmt into a few large
// buffers. The cost is linear in the size of the network, with a few
// allocations per audit rather than per centre or per finding.
//
// # References
//
// circulaire-dhos-2007-centres-de-competences.txt: the 2007 DHOS circular
// on competence centres (the three designation steps, the calendar of
// annexe 1, the specification and model convention of annexe 3);
// offre-de-soins-fr-en.txt: the ministry's description of the care offer
// (minimum active file, sectors, platforms); sensgene-centres-2017.txt and
// crmr-malformations-face-2007.txt: a sector's and a reference centre's
// pages (five-year labels, coordinating and constitutive sites, evaluation
// before renewal).
package rules
