// Package rarenet models France's rare-disease care network and the rules
// that bind it, for services that import it, researchers who analyse the
// network and test suites that verify its regulatory rules.
//
// This package holds no code: it is the map of the module.
//
// # What it models
//
// The 17 disease groups of the 2007 circular; the two tiers of care —
// reference centres (CRMR, centres de référence maladies rares), made of a
// coordinating site and constitutive sites, and competence centres (CCMR,
// centres de compétences maladies rares) — and the older thematic
// structures; the hospital teams and establishments that hold them; the
// conventions between the tiers; the 23 sectors (FSMR, filières de santé
// maladies rares); the expertise platforms; the labels with their
// five-year windows, evaluations, extensions and withdrawals; the 2007
// designation procedure; and the rules of the texts, each citing its
// source.
//
// # Packages
//
// Imports only go down this list:
//
//   - [github.com/rarenet/rarenet/typology]: disease groups, prevalence
//     classes, diseases, tiers, roles, scopes, kinds, provenance marks
//     (standard library only).
//   - [github.com/rarenet/rarenet/labelling]: calendar dates, half-open
//     windows, labels and their events, legal acts, campaigns, the 2007
//     designation procedure.
//   - [github.com/rarenet/rarenet/network]: establishments, teams, centres,
//     conventions, sectors, platforms, regions; the immutable indexed
//     Network, its builder, the rarenet/1 JSON document, the embedded
//     national reference network and its queries.
//   - [github.com/rarenet/rarenet/rules]: the rule catalogue, Check,
//     findings and reports.
//
// The programs under examples/ (audit, export, ...) show the library at
// work; nothing imports them.
//
// # Conventions
//
//   - Dates are calendar days with no time zone ([labelling.Date]).
//   - Windows are half-open, [start, end): end is the first day no longer
//     covered, so five years from 2017-11-25 is [2017-11-25, 2022-11-25).
//   - Values are immutable; a built Network is safe for concurrent readers.
//   - The library does no I/O of its own beyond the readers and writers it
//     is given, and reads no clock: every time-dependent call takes its
//     date. Only the example programs read today's date, once, at their
//     edge.
//   - Collections are iterators in ID order; output is deterministic.
//   - Bad input gives an error naming the entity and the field, never a
//     panic and never a partial result.
//
// # References
//
// The regulatory texts the rules cite, by title, date and address, are
// listed in the README's Sources section: the 2007 DHOS circular on
// competence centres (gradation, designation steps, calendar, the 17
// groups, the specification and model convention), the ministry's page on
// the care offer, the decree of 16 May 2022 on labelling, and the pages of
// a sector, a university hospital and a reference centre. RULES.md is the
// rule catalogue; FORMAT.md describes the network document, the audit
// report and the exports. The module is under the BSD 3-Clause licence
// (LICENSE); the embedded data keeps its own licences (README, Data and
// licences).
package rarenet
