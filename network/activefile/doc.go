// Package activefile computes a centre's activity — the consultations,
// the active file and the new patients of each calendar year (cahier des
// charges 1.2 of the 2007 circular) — from pseudonymous activity records,
// and confronts it with the activity a network declares.
//
// A record is one contact between a patient, known by a pseudonym, and a
// centre on a day. Per centre and calendar year:
//
//   - the consultations are the records (every record is one contact,
//     whatever its kind);
//   - the active file (network.Activity.Patients) is the number of
//     distinct patients with at least one contact that year;
//   - the new patients are the patients of the active file seen that year
//     and never before at that centre, in all the records given: the
//     first year of the records counts every patient as new, so give the
//     whole history.
//
// A [Counter] accumulates records — from a CSV file ([Counter.ReadCSV]),
// from memory ([Counter.Add], [Counter.AddBatch]), or pre-interned
// ([Counter.AddKeys], the fast path) — and partial Counters merge
// ([Counter.Merge]). [Counter.Result] gives a [Result], ordered by centre
// ID then year; [Apply] writes it into a network in place of the declared
// activity, and [Compare] lists where declared and computed disagree.
//
// # The records file
//
// A CSV file (RFC 4180: comma-separated, fields quoted with double quotes
// when needed, LF or CRLF line ends, an optional UTF-8 byte order mark).
// The first non-blank line is the header; it names the columns, in any
// order, and may hold columns this package does not use. By default:
//
//	centre,patient,date,kind
//	ccmr-lyon-neuro,p-000123,2019-03-14,consultation
//
// The columns:
//
//   - centre: the centre's ID (network.CentreID), required, not empty; when
//     ReadOptions.Known is set, it must name a known centre.
//   - patient: the patient's pseudonym, required, not empty, compared byte
//     for byte.
//   - date: the day of the contact, YYYY-MM-DD, a day that exists, in a
//     year from network.MinActivityYear to network.MaxActivityYear.
//   - kind: the kind of contact, optional (the column may be absent), free
//     text, not counted separately.
//
// [Columns] renames them. Every line has as many fields as the header;
// blank lines are ignored. A bad line is an error, or with
// ReadOptions.SkipBad is skipped and counted in [ReadStats]. A line is at
// most [MaxLineLen] bytes long, a record whose quoted fields span lines
// counting all of them. A quote that does not close within that length
// (or before the end of the file) makes its line bad, and reading goes on
// at the next line: a stray quote costs one line, not the rest of the
// file. A file whose lines end with CR alone is refused, with an error
// that says so.
//
// Lines without a double quote are cut by a splitter that allocates
// nothing per record, in parallel when ReadOptions.Workers > 1; from the
// first line holding a double quote on, a reader of quoted fields (with
// commas, quotes or newlines inside) reads the rest of the file, slower
// but exact. Both bound what they hold by the line length, never by the
// input.
//
// One worker is the default, and the fastest on two cores: each worker
// counts into tables of its own, and records in random order give each
// of them most of the (centre, patient) pairs, so that two workers hold
// about twice the tables and then merge them. On a 296 MB file of ten
// million records (a million patients, 2,500 centres), two workers were
// never faster than one, took up to 1.6 times as long, 1.2 times the CPU
// time and twice the memory. More workers pay on more cores when parsing
// rather than the tables is the cost.
//
// # Privacy
//
// Pseudonyms never leave the computation. A Counter keeps, for each
// (centre, patient) pair, a 64-bit hash of the pseudonym keyed with a
// secret drawn at random when the program starts ([PatientKey]), never
// the pseudonym; a [Result] and a [Discrepancy] hold only centre IDs,
// years and counts; and no error of this package quotes a pseudonym: a
// [*LineError] gives the line number and the column's header name, and
// for an unknown centre its ID (cut to 60 characters), never the text of
// the line or of another field. A file whose centre column holds
// pseudonyms would show them as unknown centres: check the header.
//
// Two pseudonyms with the same hash at one centre count as one patient:
// for n patients of a centre the probability that this happens at all is
// below n²/2⁶⁵, about 3·10⁻⁸ for a million patients.
//
// # Memory and speed
//
// A Counter holds per centre an open-addressing table of (patient key,
// years seen) pairs, the years as a 64-bit mask over a span of 64 years
// that moves as records come (an exact side table holds the years of a
// centre that fall outside any 64-year span), and the consultations per
// year: memory proportional to the distinct (centre, patient) pairs, 16
// bytes each at 37.5% to 75% load, not to the records.
//
// The fast path is [Counter.AddKeys] (and [Counter.AddKeysParallel]) on
// [Key]s whose centres were interned with [Counter.CentreRef] and whose
// patients were hashed with [PatientKeyOf] once per distinct pseudonym: a
// record then costs one table probe. [Counter.Add] and [Counter.AddBatch]
// also hash the pseudonym, look the centre up and compute the year of the
// date; [Counter.ReadCSV] also parses. Records in random order over tables
// larger than the processor's caches would cost a cache and TLB miss each:
// beyond 4 MiB of tables, records are sorted by centre a segment at a time
// before they are counted, in a scratch buffer of at most 48 MiB and never
// more than three quarters of the tables' size.
//
// The tables and the staging are in the internal package tally, the
// splitter, the field scanner and the quoted-field reader in the internal
// package csvscan, each tested against a plain oracle.
package activefile
