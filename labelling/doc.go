// Package labelling models the labels of France's rare-disease centres in
// time: calendar dates and windows, the labels granted by legal acts and what
// happens to them (evaluations, extensions, withdrawals, renewals), the
// national campaigns that granted them, and the 2007 designation procedure of
// competence centres (centres de compétences maladies rares, CCMR) as a state
// machine.
//
// # Dates and windows
//
// A [Date] is a calendar day with no time of day and no time zone: labels
// are decided per day. A [Window] is a half-open span of days [start, end):
// end is the first day no longer covered, so five years from 2017-11-25 is
// [2017-11-25, 2022-11-25), and a label that starts on the day the previous
// one ends leaves neither a gap nor an overlap. Five years are counted as
// time.Time.AddDate counts them: 2016-02-29 plus five years is 2021-03-01.
//
// # Labels
//
// A [Label] is granted by an [Act] (a ministerial order, arrêté, for a
// reference centre, CRMR; a regional agency decision for a competence
// centre) for an initial window, normally five years. Its events may extend
// it or withdraw it; [Label.Effective] is the window in which it is in force.
// A [History] orders the labels of one centre as the rules do, to find
// renewals, gaps, overlaps and the years in which the centre was labelled on
// every day. A [Packed] keeps many labels (a whole network's) in a third
// of the memory a []Label takes or less, and gives each back as a Label.
//
// # Campaigns and the designation procedure
//
// [Campaigns] yields the embedded table of national plans, labelling calls,
// sector labellings and platform calls, each row with its source and
// status. The 2007 designation of competence centres went one of two routes:
// the reference centres of a disease group listed candidate teams, the
// national committee (Comité national consultatif de labellisation, CNCL)
// gave its opinion on the lists, the team applied to its regional agency
// (ARH) with a specification and a convention, and the agency decided; or a
// team not listed applied directly to its agency, which gave an opinion that
// the CNCL ruled on before the agency decided. A [Procedure] follows one
// team through either route and refuses steps out of order, so that no
// decision can be taken without the committee's opinion; it reports the
// steps taken after their due date in the campaign's [Calendar].
//
// # No clock
//
// The package never reads the clock: every query that depends on time takes
// its date (InForce(d), EndedBy(d), ...). Values are immutable and safe for
// concurrent use; the package holds no mutable state and does no I/O. The
// campaign table is embedded and parsed on first use.
//
// # References
//
//   - Circulaire DHOS 2007 relative à la structuration de la filière de
//     soins pour les patients atteints de maladies rares et à la désignation
//     des centres de compétences
//     (sources/circulaire-dhos-2007-centres-de-competences.txt): étape n°1
//     (identification by the reference centres), étape n°2 (the CNCL's
//     opinion on the lists), étape n°3 (the regional agency's decision, and
//     the direct application), annexe 1 (the calendar: lists by 14
//     September 2007, CNCL plenary sessions on 27 and 28 September, lists to
//     the agencies on 5 October, applications by 5 November, designations by
//     1 February 2008).
//   - The reference table data/campaigns.csv: acts, dates and counts of
//     each campaign with their sources (the repository's reference data,
//     described in network/data/source/README.md).
package labelling
