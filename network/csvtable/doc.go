// Package csvtable writes a rare-disease care network ([network.Network]) as
// CSV tables, one per kind of record, and reads such tables back into a
// network through [network.Builder]: the tables an analyst opens, edits in a
// spreadsheet and hands back.
//
// # Tables
//
// [Write] produces ten tables, each with a header row and its rows in ID
// order (a centre's labels, diseases and events in their stored order,
// activity by year). Lists inside a cell (a convention's parties, a
// sector's groups and members, a competence centre's attachments) are
// separated by ";". Dates are written YYYY-MM-DD, the zero date as an empty
// cell; values are spelled as in FORMAT.md ("reference", "coordinating",
// "1-5/10000").
//
//	establishments.csv  id, finess, finess_ej, name, city, region, lat, lon, source, mark
//	teams.csv           id, establishment, unit, source, mark
//	centres.csv         id, name, tier, role, kind, group, scope, coordinating_site,
//	                    attached_to, team, establishment*, region*, diseases*, source, mark
//	diseases.csv        centre, disease, orpha, name, prevalence
//	labels.csv          centre, label, start, end, effective_end*, act_kind, act_date,
//	                    act_ref, events*, designation_campaign, designation_route,
//	                    cncl_opinion, decision, source, mark
//	events.csv          centre, label, event, kind, date, type, until, act_kind,
//	                    act_date, act_ref
//	activity.csv        centre, year, consultations, patients, new_patients
//	conventions.csv     id, reference, competence, signed, start, end, signatories,
//	                    source, mark
//	filieres.csv        id, name, host, groups, members, since, source, mark
//	platforms.csv       id, name, host, overseas, source, mark
//
// Columns marked * are derived, for people reading the tables: a centre's
// establishment and region (through its team), a summary of its diseases
// ("ORPHA:791 Rétinite pigmentaire (1-5/10000); ..."), a label's effective
// end and a summary of its events. [Read] ignores them (they may be left
// empty); the facts they summarise are read from diseases.csv, events.csv
// and the other columns, so edit those.
//
// # Reading back
//
// [Read] (and [ReadFS]) parse the tables strictly, as decoding a rarenet/1
// document does: every column of the header above must be present (in any
// order), no other column may be, and values must be spelled exactly as
// written. Rows may come in any order; the "label", "disease" and "event"
// columns number a centre's labels, diseases and a label's events and give
// their order. Every problem is reported as an [*Error] naming the table,
// its line, the data row, the record's ID and the column, for example
//
//	centres.csv:4: row 3 (id "ccmr-x"): column group: "18" is not a group (1 to 17)
//
// and all problems are returned together (errors.Join). Problems the
// [network.Builder] finds (a team that does not exist, a duplicate ID) are
// reported the same way, at the row of the record at fault.
//
// Writing a network and reading it back gives the same network: the
// package's property tests check it on generated networks and on the
// embedded national one.
//
// An ID that holds ";" cannot go into a list cell: [Write] then fails with
// an error naming the record. Strings are written as they are; CSV turns a
// carriage return followed by a line feed inside a quoted cell into a line
// feed, which FORMAT.md's strings never hold (control characters are
// refused).
package csvtable
