package network

//go:generate go run ./internal/gen

import (
	"bytes"
	_ "embed"
	"sync"
)

// nationalJSON is the national reference network as a rarenet document,
// generated from the reference data of data/source by go generate
// (./internal/gen) and never edited by hand; a test builds it again and
// compares.
//
//go:embed data/national.json
var nationalJSON []byte

var national = sync.OnceValue(func() *Network {
	n, err := Decode(bytes.NewReader(nationalJSON))
	if err != nil {
		// The document is generated and tested with the package: an
		// error here is a build defect, never bad input.
		panic("network: the embedded national network does not decode: " + err.Error())
	}
	return n
})

// National returns the embedded national reference network: the real
// establishments, sectors, platforms and centres found in the public
// sources of the repository's reference data (network/data/source, whose
// README says what each table holds), each entity and each label with its
// provenance (source and mark).
//
// It is decoded once, on the first call, and the same *Network is returned
// to every caller; like any Network it is immutable and safe for concurrent
// use.
//
// # What it holds
//
//   - the establishments that host the centres, sectors and platforms,
//     with their FINESS number (the site's, with its legal entity's as
//     FINESSEJ, or the legal entity's when the row is the legal entity),
//     city, region and, where known, position; the overseas university
//     hospitals included;
//   - the 23 sectors (filières) with their disease groups (inferred from
//     their scope), their host when it is verified, the day the 2014
//     sectors were announced as Since, and as members the coordinating
//     sites of their centres in the data;
//   - the expertise platforms and overseas coordination platforms
//     identified so far (not yet all of them);
//   - the centres reproduced from sector, hospital and association pages
//     (coordinating and constitutive sites, competence centres, CRC), the
//     two face-malformation reference centres of 2007, and the 45
//     cystic-fibrosis centres (CRCM) of the arrêté du 16 janvier 2014;
//     competence centres attached to the reference centre their row names
//     when the data identifies it; a team per unit (the data names no
//     units: rows for the same unit in several periods share one);
//   - labels where the data knows them: a row that names its campaign takes
//     that campaign's order (its date, five years; four for the CRCM),
//     marked derived, with the continuity the public record shows (the
//     2004-2007 labels ran until the 2017 labelling, the 2017 labels until
//     the 2023 order) as extensions without an act, none being known. The
//     regions and the 17 groups come with [Regions] and package typology.
//
// # What it is not
//
// It is a sample, not the national list: the official lists of the 2017
// and 2023 labellings are annexes of the official bulletin that the data
// could not include, so most centres, all conventions and all activity
// are missing, and what is unknown is left out rather than guessed (a
// centre whose period is unknown has no label; an unverified sector host
// is absent). Audit findings on it describe the sample.
//
// # Sources and licences
//
// Names, dates and counts are facts from public pages (ministry, sectors,
// hospitals, associations) and regulatory texts. FINESS numbers come from
// the DREES SAE 2023 statistics and positions from Eurostat GISCO
// "Healthcare services in Europe" (FINESS extract of March 2020), both
// built on FINESS and published under the Licence Ouverte (Eurostat's
// files under EUPL-1.2, deferring to FINESS's licence); two positions come
// from Wikipedia. Each entity's source names its row;
// network/data/source/LICENCE.md gives the attributions.
//
// National panics if the embedded document does not decode: that is a
// defect of the build, caught by the package's tests.
func National() *Network { return national() }

// NationalDocument returns a copy of the embedded rarenet/1 document that
// [National] decodes, byte for byte as generated.
func NationalDocument() []byte { return bytes.Clone(nationalJSON) }
