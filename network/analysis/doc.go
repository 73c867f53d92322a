// Package analysis answers researchers' questions about a rare-disease
// care network ([network.Network]): how it changed over the years, where
// it covers each disease group and where it leaves gaps, what its activity
// and labels look like statistically; it draws the answers as SVG pictures
// and reads centre lists typed or scraped from official publications.
//
// # Timelines
//
// [Timeline] counts the centres in force (holding a label whose effective
// window contains the date) on any list of dates, by tier, group, region,
// interregion and sector; [YearlyDates] gives one date a year. [History]
// lists one centre's label history — grants, renewals, evaluations,
// extensions, withdrawals, ends — and [Changes] the changes of every centre
// in a window, each with the campaign behind it ([CampaignOf] matches an
// act's date to the act date of an embedded campaign).
//
// # Coverage
//
// [Cover] builds the region × group and interregion × group matrices of
// the centres in force on a date, by tier. [Coverage.Gaps] lists the
// regions with no centre for a group and, for each, the nearest region
// that has one (by great-circle distance between the regions' reference
// points, [ReferencePoints]) and the nearest centre whose hospital's
// position is known.
//
// # Statistics
//
// [ActiveFiles], [SectorSizes], [LabelDurations] and [RenewalDelays]
// summarise a network ([Summary]: mean, standard deviation, quartiles) with
// golang.org/x/exp/stats.
//
// # Pictures
//
// [TimelineSVG], [HeatmapSVG] and [MapSVG] write self-contained SVG
// documents with the standard library (every text escaped with
// encoding/xml): titles, axis labels, legends, and a tooltip on every
// mark. The map draws the 13 metropolitan regions from their outlines and
// lists the 5 overseas regions beside it, which have none.
//
// # Centre lists
//
// [ReadCentreList] reads a CSV list of centres as bulletins and sector
// pages publish them (sector, centre, hospital, city, role) with a
// documented column mapping, strictly, reporting problems by line.
//
// # Data and attribution
//
// The package embeds data/regions-2016-simplified.geojson (data/README.md
// says where it comes from and what was changed): the simplified outlines
// of the 13 metropolitan regions of the 2016 map, from
// gregoiredavid/france-geojson, after IGN Admin Express COG 2018
// (outlines) and INSEE COG 2018 (codes, names), under the Licence Ouverte
// (Etalab). Wherever they are drawn they carry the credit line
// [Attribution]: "Contours: IGN Admin Express COG 2018, INSEE COG 2018, via
// france-geojson, Licence Ouverte".
//
// The reference points of the overseas regions come from the reference
// data's establishments.csv (Eurostat GISCO healthcare services 2020, built
// on FINESS, Licence Ouverte; one position from Wikipedia), as
// [ReferencePoints] says point by point.
//
// Everything in this package is a pure function of its arguments: safe for
// concurrent use, deterministic, with no clock of its own (dates are
// arguments).
package analysis
