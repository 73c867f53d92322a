// Package typology holds the vocabulary of France's rare-disease care
// network: the 17 disease groups of the 2007 typology, Orphanet prevalence
// classes and ORPHAcodes, and the small enumerations that describe a centre
// (tier, role, scope, kind) and the provenance of a fact (mark).
//
// It is the leaf of the module: it imports only the standard library, holds no
// mutable state and does no I/O, so every other package can depend on it.
//
// # Values
//
// Every type is a small comparable value. The enumerations are unsigned
// integers whose zero value is invalid (as with [time.Month]), so a field that
// was never set is caught by IsValid instead of silently meaning the first
// constant. The exception is [Prevalence]: its zero value is
// [PrevalenceUnknown], because "unknown" is the documented default of a
// disease's prevalence in the rarenet/1 document format.
//
// # Parsing: strict for documents, lenient for people
//
// The UnmarshalText and UnmarshalJSON methods accept only the exact spellings
// of the rarenet/1 format (FORMAT.md), so that decoding a document never
// guesses. The ParseX functions are for text typed or pasted by people: they
// ignore case and surrounding space, and [ParseGroup] and [ParsePrevalence]
// also accept the spellings found in regulatory texts and in Orphanet.
//
// Every parse failure is a *[ParseError] that quotes the input and unwraps to
// [ErrUnknown]. The zero value of an enumeration (a value not set, such as a
// competence centre's role) marshals as empty text, a zero [Group] as JSON
// null, and both read back as zero; marshalling any other invalid value fails
// with an error wrapping [ErrInvalid] that says "marshal".
//
// # References
//
//   - Circulaire DHOS 2007 on the structuring of care for
//     rare-disease patients and the designation of competence centres
//     (sources/circulaire-dhos-2007-centres-de-competences.txt), annexe 2
//     "Typologie des groupes de maladies rares": the 17 groups and their French
//     names, word for word.
//   - Orphanet, "Prevalence of rare diseases" (Orphanet Report Series): the
//     prevalence classes.
//   - Regulation (EC) No 141/2000 on orphan medicinal products: the EU rarity
//     threshold of at most 5 in 10,000.
package typology
