// Package dossier models the application file of a competence centre
// (dossier de candidature d'un centre de compétences maladies rares, CCMR)
// and the convention it makes with the reference centres (CRMR) of its
// disease group, as annexe 3 of the 2007 DHOS circular lays them out, and
// checks them.
//
// A [File] follows the specification (cahier des charges) section by
// section: the header (the reference centres the competence centre
// attaches to, the group and diseases), 1 the centre (its physicians, the
// activity of the three years before, the catchment area), 2 the technical
// and human platform, 3 the organisation of care, 4 local care and the
// social dimension, 5 the five-year objectives, 6 free text; then the
// signatures, the attachments and the [Convention] (articles 1 to 6 of the
// model convention). The file goes to the regional agency (ARH, agence
// régionale de l'hospitalisation, now ARS) through the establishment's
// director, after the opinion of the medical committee (CME, commission
// médicale d'établissement) and the deliberation of the board.
//
// [Check] returns [rules.Finding] values in the style of package rules: a stable ID
// under "dossier.", a severity, the section of annexe 3 as source, and a
// message that says why. Given a network, it also cross-checks the file
// against the labelled centres on the day of transmission.
//
// # No personal data
//
// The annexe asks for names, telephone numbers and e-mail addresses; this
// package never holds them. Physicians, staff and signatories are roles
// ("responsible physician", "coordinator" of a reference centre ID), and
// the document format has no field where a name could go: decoding
// rejects one as an unknown field. Free-text fields should not name
// people either; prefer PubMed IDs or DOIs to citations in publications.
//
// # Format
//
// An application file document is one JSON object whose "format" is
// "rarenet-dossier/1" ([FormatVersion]). [Decode] reads one and [Encode]
// writes one; FORMAT.md, beside this file, is the full description. In
// short, with dates written YYYY-MM-DD and IDs those of the network
// document (rarenet/1):
//
//	{
//	  "format": "rarenet-dossier/1",
//	  "applicant": "ccmr-x", "name": "...", "team": "team-x",
//	  "group": 12, "diseases": [{"orpha": 791, "name": "...", "prevalence": "1-5/10000"}],
//	  "reference": ["crmr-a", "crmr-b"],
//	  "transmitted": "2007-10-30",
//	  "centre":   {"responsible": {...}, "physicians": [...], "activity": [...], "pathology": "...", "catchment": {...}},
//	  "platform": {"technical": {...}, "difficulties": {...}, "medical": [...],
//	               "paramedical_coordinator": {...}, "paramedical": [...], "correspondents": [...], "cooperation": {...}},
//	  "care":     {"publications": [...], "diagnosis": {...}, "objectives": [...], "implementation": {...}},
//	  "local":    {"project": "...", "actions": [...]},
//	  "plan":     {"goals": [...], "approach": "..."},
//	  "free_text": "...",
//	  "signatures":  [{"role": "coordinator", "reference": "crmr-a", "date": "2007-10-05"}, ...],
//	  "attachments": [{"kind": "cme-opinion", "date": "2007-10-16"}, ...],
//	  "convention": {"reference": [...], "competence": "ccmr-x", "group": 12, "diseases": [...],
//	                 "missions": {...}, "reference_commitments": {...}, "competence_commitments": {...},
//	                 "adaptations": "...", "evaluation": "...", "start": "2008-02-01", "signatures": [...]}
//	}
//
// The top-level "format", "applicant", "team", "group" and "transmitted"
// are required; so are a convention's "reference", "competence", "group"
// and "start". Sections ("centre", "platform", "care", "local", "plan",
// "convention") and their parts may be absent or null: an incomplete file
// decodes, and [Check] says what is missing. A part that is present is
// complete in form: every field of a record (a physician, an activity
// year, a signature, an attachment, a commitment) is required unless
// FORMAT.md marks it optional, and a required text is not blank.
//
// Decoding is strict: an unknown field, a duplicate field, a missing
// required field, a value of the wrong type, out of range or misspelt is
// an error naming the path and the field and quoting the value, for
// example
//
//	centre.activity[1]: year: want an integer, got "2005"
//
// Every problem is reported (errors.Join of *[FieldError]s), and no File
// is returned. Encoding a decoded file gives back an equivalent document,
// and decoding what Encode wrote gives back the file.
//
// # Checks
//
// Every check has a stable ID ([Rules] lists them with their severity and
// source):
//
//   - dossier.section-missing: a required section or part is missing
//     (the part is in the message).
//   - dossier.attachment-missing: a CV of a physician of 1.1, the
//     publications of 3.1 when there are some, the CME's opinion, the
//     board's deliberation, the shared record when 2.3 says there is one,
//     or the convention.
//   - dossier.signature-missing: the responsible physician, the head of
//     the clinical division, the head of the establishment, the director
//     of the university hospital of each reference centre; the
//     responsible physician on the convention.
//   - dossier.coordinator-signature-missing: the coordinator of a
//     reference centre the file (or the convention) names, and, given a
//     network, of every coordinating site of the group in force on the
//     day of transmission.
//   - dossier.signature-after-transmission and
//     dossier.attachment-after-transmission: a signature, the CME's
//     opinion or the board's deliberation dated after the transmission.
//   - dossier.activity-years: activity not given for exactly the three
//     calendar years before the year of transmission.
//   - dossier.activity-inconsistent: more new patients than patients
//     followed, or fewer consultations than patients followed.
//   - dossier.convention-group-mismatch and
//     dossier.convention-parties-mismatch: the convention is for another
//     group, or between other parties, than the file.
//   - dossier.commitment-missing (advice): a commitment of articles 3
//     and 4 of the model left out or weakened; the model says they are
//     negotiated.
//   - dossier.reference-not-labelled (needs a network): a reference centre
//     named is not a reference centre of the group in force.
//   - dossier.team-already-labelled (needs a network): the team already
//     holds a competence label in force for overlapping diseases of the
//     same group (the same group, and either disease list empty or the
//     lists sharing a disease by ORPHAcode, else by exact name). A team
//     may be a competence centre in several groups; a label of the
//     applicant's own centre ID is a renewal, not a duplicate.
//
// # References
//
//   - Circulaire DHOS 2007 on the structuring of care for rare-disease
//     patients and the designation of competence centres
//     (sources/circulaire-dhos-2007-centres-de-competences.txt): étapes 1
//     to 3 of the designation, annexe 1 (calendar) and annexe 3 (cahier
//     des charges and proposition de convention-type).
package dossier
