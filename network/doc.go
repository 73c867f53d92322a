// Package network models France's rare-disease care network: the
// hospitals (establishments) and their teams, the labelled centres
// (reference centres, CRMR, with their coordinating and constitutive sites;
// competence centres, CCMR; the older thematic structures), their labels
// and yearly activity, the conventions that bind competence centres to
// reference centres, the health sectors (filières, FSMR) and the expertise
// platforms.
//
// # Getting a Network
//
// A [Network] is built once and never changes. There are three ways to get
// one:
//
//   - [Decode] (or a [Decoder], for limits and record positions) reads a
//     network document, the rarenet/1 JSON format described in the
//     repository's FORMAT.md, and checks it strictly; [Encode] writes one.
//     [DecodeBytes] reads a document already in memory, in place, and
//     faster: on two processors, two goroutines share its centres.
//   - [National] returns the embedded national reference network, a sample
//     of the real network reproduced from public sources, every fact with
//     its source and mark.
//   - A [Builder] collects entities added in Go and checks them all at
//     once in [Builder.Build]; [Network.Edit] starts a Builder from an
//     existing network, to derive a what-if scenario.
//
// Every problem is reported at once, as one *[FieldError] per field that
// names the entity and the field (errors.Join).
//
// # Immutability and sharing
//
// A Network is immutable and safe for concurrent use by any number of
// goroutines. Whatever it returns is the caller's own: the slices in a
// [Centre], [Convention] or [Filiere] it returns are copies, so a caller
// may write to them without changing the network or what any other caller
// sees.
//
// # Queries
//
// Collections are yielded as iterators (iter.Seq) in ID order: [Network.Centres],
// [Network.CentresByGroup], [Network.CentresInRegion], [Network.CentresInForce],
// [Network.ConventionsOf] and the like. Look-ups by ID return a value and
// a boolean ([Network.Centre], [Network.Team]); [Network.EstablishmentsByFINESS]
// finds hospitals by their FINESS number. Nothing reads the clock: every
// question about time takes its day ([Network.CentresInForce],
// [Network.Snapshot], the rules of package rules).
//
// Loops over every centre of a large network, which cannot afford a copy
// per centre, read through views instead: [Network.CentreAt],
// [Network.ConventionAt] and [Network.FiliereAt] return small values whose
// methods read the network in place, allocate nothing, and name related
// entities by position rather than by ID. [Derived] keeps with a network a
// value computed once from it (an index that every audit reuses).
//
// # Vocabulary
//
// Centre, tier, role and group follow the 2007 circular and the national
// plans: see package typology for the enumerations and package labelling
// for dates, windows and labels. IDs are typed strings chosen by the data
// ([CentreID], [TeamID], ...) and compared exactly.
package network
