package dossier_test

import (
	"fmt"
	"os"
	"slices"
	"strings"

	"github.com/rarenet/rarenet/rules/dossier"
)

// Check an application file: the complete example passes; without the
// medical committee's opinion, and with a convention that weakens a
// commitment, it does not.
func ExampleCheck() {
	fh, err := os.Open("testdata/complete.json")
	if err != nil {
		panic(err)
	}
	defer fh.Close()
	f, err := dossier.Decode(fh)
	if err != nil {
		panic(err)
	}
	fmt.Println(len(dossier.Check(f, nil)), "findings")

	f.Attachments = slices.DeleteFunc(f.Attachments, func(a dossier.Attachment) bool { return a.Kind == dossier.CMEOpinion })
	c := *f.Convention
	k := *c.CompetenceCommitments
	k.PractitionerMeetings = 1
	c.CompetenceCommitments, f.Convention = &k, &c
	for _, x := range dossier.Check(f, nil) {
		fmt.Printf("%s %s\n  %s\n  source: %s\n", x.Severity, x.Rule, x.Message, x.Source)
	}
	// Output:
	// 0 findings
	// violation dossier.attachment-missing
	//   the opinion of the medical committee of the establishment (CME) is not joined: the file goes to the agency after it
	//   source: circulaire-dhos-2007, annexe 3, annexes à joindre 3); étape n°3
	// advice dossier.commitment-missing
	//   the competence centre commits to 1 meeting a year for hospital and private physicians; the model asks for 2
	//   source: circulaire-dhos-2007, annexe 3, convention-type article 4
}

// Decoding is strict and reports every problem, with its path and field.
// The format has no place for a person's name.
func ExampleDecode() {
	doc := `{
	  "format": "rarenet-dossier/1",
	  "applicant": "ccmr-x", "team": "team-x", "group": 12, "transmitted": "2007-10-30",
	  "centre": {
	    "responsible": {"role": "responsible physician", "name": "Dr X", "specialty": "ophtalmologie", "status": "PU-PH", "experience": "10 years"},
	    "activity": [{"year": "2005", "consultations": 12, "patients": 10, "new_patients": 2}]
	  },
	  "signatures": [{"role": "coordinator", "date": "2007-10-05"}]
	}`
	_, err := dossier.Decode(strings.NewReader(doc))
	fmt.Println(err)
	// Output:
	// centre.responsible: name: unknown field: the format identifies people by role, never by name or contact details
	// centre.activity[0]: year: want an integer, got "2005"
	// signatures[0]: reference: missing
}

// The catalogue of checks.
func ExampleRules() {
	for _, r := range dossier.Rules() {
		net := ""
		if r.Network {
			net = " (needs a network)"
		}
		fmt.Printf("%-40s %s%s\n", r.ID, r.Severity, net)
	}
	// Output:
	// dossier.activity-inconsistent            violation
	// dossier.activity-years                   violation
	// dossier.attachment-after-transmission    violation
	// dossier.attachment-missing               violation
	// dossier.commitment-missing               advice
	// dossier.convention-group-mismatch        violation
	// dossier.convention-parties-mismatch      violation
	// dossier.coordinator-signature-missing    violation
	// dossier.reference-not-labelled           violation (needs a network)
	// dossier.section-missing                  violation
	// dossier.signature-after-transmission     violation
	// dossier.signature-missing                violation
	// dossier.team-already-labelled            violation (needs a network)
}

// The commitments of article 4 as the model convention states them.
func ExampleModelCompetenceCommitments() {
	k := dossier.ModelCompetenceCommitments("responsible physician")
	fmt.Printf("%d follow-up visit a year per patient, %d meetings a year for physicians, prescribers: %q\n",
		k.FollowUpVisits, k.PractitionerMeetings, k.Prescribers)
	// Output:
	// 1 follow-up visit a year per patient, 2 meetings a year for physicians, prescribers: ["responsible physician"]
}
