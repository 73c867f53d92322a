// Package analysis answers researchers' questions about a rare-disease
// care network ([network.Network]): how it changed over the years, where
// it covers each disease group and where it leaves gaps, what its activity
// and labels look like statistically; it draws the answers as SVG pictures
// and reads centre lists typed or scraped from official publications.
//
// # What an analysis counts
//
// [Describe] gives the [Basis] of an analysis: the network's name, whether
// it is the embedded sample ([network.National]), how many of its centres
// have no known label (in force on no date, so in no count by date) and
// the marks of its labels ([LabelMark]). [Basis.Lines] words it for the
// head of a report, [Basis.WriteComments] for the head of a CSV, and every
// picture writes it under its title. [OnlyMarks] keeps only the labels of
// some marks (verified and inferred, say), so that any analysis counts
// only facts of those marks. Statistics resting on labels marked derived
// say how many ([TierSummary].Derived): they echo the rule that derived
// them, not a finding.
//
// # Timelines
//
// [Timeline] counts the centres in force (holding a label whose effective
// window contains the date) on any list of dates, by tier, group, region,
// interregion and sector (a sector counts its members from
// [SectorStart]); [YearlyDates] gives one date a year and [ChangeDays] the
// days a count may change; [SeriesOf] turns points into one series per
// key of a [Breakdown]. [History] lists one centre's label history —
// grants, renewals, evaluations, extensions, withdrawals, ends — and
// [Changes] the changes of every centre in a window, each with the
// campaign behind it ([CampaignOf] matches an act's date to the act date
// of an embedded campaign).
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
// encoding/xml): titles, the basis of the picture ([Chart]), axis labels,
// legends, and a tooltip on every mark. Timelines are step charts with
// every year ticked and one line per key of the breakdown; heat maps and
// maps share one fixed colour scale, the same on every date and group.
// The map draws the 13 metropolitan regions from their outlines and the 5
// overseas regions, which have none, as labelled inset boxes in which
// their centres are placed by their coordinates.
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
