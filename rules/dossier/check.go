package dossier

import (
	"cmp"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/rarenet/rarenet/labelling"
	"github.com/rarenet/rarenet/network"
	"github.com/rarenet/rarenet/rules"
	"github.com/rarenet/rarenet/typology"
)

// The IDs of the checks, described in the package documentation and by
// [Rules]. They are stable: users filter, suppress and grep on them.
const (
	SectionMissing              = "dossier.section-missing"               // a required section or part is missing
	AttachmentMissing           = "dossier.attachment-missing"            // a required attachment is missing
	SignatureMissing            = "dossier.signature-missing"             // a signature other than a coordinator's is missing
	CoordinatorSignatureMissing = "dossier.coordinator-signature-missing" // a reference centre's coordinator has not signed
	SignatureAfterTransmission  = "dossier.signature-after-transmission"  // a signature is dated after the transmission
	AttachmentAfterTransmission = "dossier.attachment-after-transmission" // the CME's opinion or the board's deliberation is dated after the transmission
	ActivityYears               = "dossier.activity-years"                // the activity is not that of the three years before
	ActivityInconsistent        = "dossier.activity-inconsistent"         // an activity year contradicts itself
	ConventionGroupMismatch     = "dossier.convention-group-mismatch"     // the convention is for another group
	ConventionPartiesMismatch   = "dossier.convention-parties-mismatch"   // the convention binds other parties
	CommitmentMissing           = "dossier.commitment-missing"            // a model commitment is left out or weakened (advice)
	ReferenceNotLabelled        = "dossier.reference-not-labelled"        // a reference centre named is not labelled in the group (network)
	TeamAlreadyLabelled         = "dossier.team-already-labelled"         // the team already holds an overlapping competence label (network)
)

// A Rule describes one check of [Check]: its ID, severity, a title, the
// text it rests on, and whether it needs a network (cross-checks, skipped
// when Check is given none).
type Rule struct {
	ID       string         // the stable ID, such as "dossier.section-missing"
	Severity rules.Severity // the severity of its findings
	Title    string         // what it reports, in a few words
	Source   string         // the texts it rests on
	Network  bool           // whether it needs a network (a cross-check)
}

// Sources cited by the checks: the 2007 circular
// (circulaire-dhos-2007-centres-de-competences.txt), its designation steps
// and annexe 3.
const (
	srcCircular = "circulaire-dhos-2007"
	srcSpec     = srcCircular + ", annexe 3, cahier des charges"
	srcModel    = srcCircular + ", annexe 3, convention-type"
	srcAnnexes  = srcCircular + ", annexe 3, annexes à joindre"
	srcStep1    = srcCircular + ", étape n°1"
	srcStep3    = srcCircular + ", étape n°3"
)

// cite joins sources with "; ", dropping the repeated name of the circular.
func cite(first string, more ...string) string {
	out := first
	for _, m := range more {
		out += "; " + strings.TrimPrefix(m, srcCircular+", ")
	}
	return out
}

var catalogue = []Rule{
	{SectionMissing, rules.Violation, "a required section or part of the specification or of the convention is missing", cite(srcSpec+" 1 to 5", srcModel+" articles 2 to 5"), false},
	{AttachmentMissing, rules.Violation, "a required attachment is missing", cite(srcAnnexes+" 1) to 4)", srcSpec+" 1.1, 2.3, 3.1"), false},
	{SignatureMissing, rules.Violation, "a required signature (other than a coordinator's) is missing", cite(srcSpec+", signatures", srcModel+", signatures"), false},
	{CoordinatorSignatureMissing, rules.Violation, "a reference centre's coordinator has not signed", cite(srcStep3, srcSpec+", signatures", srcModel+", signatures"), false},
	{SignatureAfterTransmission, rules.Violation, "a signature is dated after the transmission to the agency", srcStep3, false},
	{AttachmentAfterTransmission, rules.Violation, "the medical committee's opinion or the board's deliberation is dated after the transmission to the agency", srcStep3, false},
	{ActivityYears, rules.Violation, "the activity is not given for the three years before the application", srcSpec + " 1.2", false},
	{ActivityInconsistent, rules.Violation, "an activity year contradicts itself", srcSpec + " 1.2", false},
	{ConventionGroupMismatch, rules.Violation, "the convention's disease group is not the file's", cite(srcModel+" article 1", srcStep3), false},
	{ConventionPartiesMismatch, rules.Violation, "the convention's parties are not the file's", srcModel + " article 1", false},
	{CommitmentMissing, rules.Advice, "a commitment of the model convention is left out or weakened", srcModel + " articles 3 and 4", false},
	{ReferenceNotLabelled, rules.Violation, "a reference centre named is not a reference centre of the group in force", cite(srcStep3, srcSpec+", en-tête"), true},
	{TeamAlreadyLabelled, rules.Violation, "the team already holds a competence label in force for overlapping diseases of the group", srcStep1, true},
}

// Rules returns the catalogue of the checks, in ID order. The slice is
// new at each call.
func Rules() []Rule {
	rs := slices.Clone(catalogue)
	slices.SortFunc(rs, func(a, b Rule) int { return cmp.Compare(a.ID, b.ID) })
	return rs
}

func severityOf(id string) rules.Severity {
	for _, r := range catalogue {
		if r.ID == id {
			return r.Severity
		}
	}
	return 0
}

// SubjectKind is the SubjectKind of every finding of [Check]: its
// subject is the application file, named by the applicant's centre ID.
const SubjectKind = "dossier"

// Check checks an application file against annexe 3 of the 2007 circular
// and returns its findings, sorted by severity (violations first), rule,
// subject, year and date, then in the order of the file. A complete,
// consistent file gives none. The subject of every finding is
// f.Applicant.
//
// When n is not nil, Check also cross-checks the file against the network:
// the reference centres it names, the coordinating sites of its group
// that must sign, and the labels its team already holds, all as of
// f.Transmitted. When n is nil those checks are skipped.
//
// Check judges completeness and consistency. The form of each record (a
// required field left blank, a value out of range) is what decoding
// checks; for a File built in Go, [Validate] reports it. Check assumes a
// valid file and never fails: on an invalid one its findings may be
// incomplete.
func Check(f File, n *network.Network) []rules.Finding {
	items := check(f, n)
	out := make([]rules.Finding, len(items))
	for i, it := range items {
		out[i] = it.Finding
	}
	return out
}

// Validate reports whether f would decode, by encoding it: it returns nil
// or the errors [Encode] returns.
func Validate(f File) error { return Encode(io.Discard, f) }

// item is a finding with the key of the part at fault, which tests
// compare instead of messages.
type item struct {
	rules.Finding
	key string
}

type checker struct {
	f     File
	n     *network.Network
	items []item
}

func (c *checker) add(rule, key, source string, year int, date labelling.Date, format string, args ...any) {
	c.items = append(c.items, item{rules.Finding{
		Rule:        rule,
		Severity:    severityOf(rule),
		Subject:     string(c.f.Applicant),
		SubjectKind: SubjectKind,
		Year:        year,
		Group:       c.f.Group,
		Date:        date,
		Message:     fmt.Sprintf(format, args...),
		Source:      source,
	}, key})
}

func check(f File, n *network.Network) []item {
	c := &checker{f: f, n: n}
	c.sections()
	c.attachments()
	c.signatures()
	c.activity()
	if f.Convention != nil {
		c.convention(*f.Convention)
	}
	if n != nil {
		c.references()
		c.team()
	}
	slices.SortStableFunc(c.items, func(a, b item) int {
		return cmp.Or(
			cmp.Compare(a.Severity, b.Severity),
			cmp.Compare(a.Rule, b.Rule),
			cmp.Compare(a.Subject, b.Subject),
			cmp.Compare(a.Year, b.Year),
			a.Date.Compare(b.Date),
		)
	})
	return c.items
}

// part is a required part of the file: its key, the section it belongs
// to, what it is, and whether it is missing.
type part struct {
	key, section, what string
	missing            bool
}

// section reports a wholly missing section once, else each missing part.
func (c *checker) section(key, source, what string, absent bool, parts ...part) {
	if absent {
		c.add(SectionMissing, key, source, 0, labelling.Date{},
			"%s is missing: the agency decides on the conformity of the file to the specification, which asks for it", what)
		return
	}
	for _, p := range parts {
		if p.missing {
			c.add(SectionMissing, p.key, p.section, 0, labelling.Date{}, "%s is missing from %s", p.what, what)
		}
	}
}

func (c *checker) sections() {
	f := c.f
	if len(f.Reference) == 0 {
		c.add(SectionMissing, "header/reference", srcSpec+", en-tête", 0, labelling.Date{},
			"the file names no reference centre: the header of the specification asks for the reference centre the competence centre attaches to")
	}
	d := f.Centre
	c.section("1", srcSpec+" 1", "section 1 (description of the competence centre)", d.isZero(),
		part{"1.1/responsible", srcSpec + " 1.1", "the responsible physician (1.1)", d.Responsible == Physician{}},
		part{"1.2/activity", srcSpec + " 1.2", "the activity of the three years before (1.2)", len(d.Activity) == 0},
		part{"1.2/pathology", srcSpec + " 1.2", "the description of the diseases and of what the centre brings (1.2)", blank(d.Pathology)},
		part{"1.3/catchment", srcSpec + " 1.3", "the catchment area and the distance to the farthest patients (1.3)", d.Catchment == Catchment{}},
	)
	p := f.Platform
	c.section("2", srcSpec+" 2", "section 2 (access to a technical and human platform)", p.isZero(),
		part{"2.1/technical", srcSpec + " 2.1", "the description of the technical platform (2.1)", p.Technical == Technical{}},
		part{"2.3/medical", srcSpec + " 2.3", "the medical staff of the centre (2.3)", len(p.Medical) == 0},
		part{"2.3/cooperation", srcSpec + " 2.3", "the organisation of joint work with the specialists (2.3)", p.Cooperation == nil},
	)
	care := f.Care
	parts := []part{{"3.1/diagnosis", srcSpec + " 3.1", "the description of how care is organised (3.1)", care.Diagnosis == Diagnosis{}}}
	for _, t := range []Topic{Strategy, Emergencies, Continuity} {
		has := slices.ContainsFunc(care.Objectives, func(o Objective) bool { return o.Topic == t })
		parts = append(parts, part{"3.2/" + t.String(), srcSpec + " 3.2", fmt.Sprintf("the objective on %s set with the reference centre (3.2)", topicText[t]), !has})
	}
	parts = append(parts, part{"3.3/implementation", srcSpec + " 3.3", "the participation in protocols, training, research and surveillance (3.3)", care.Implementation == Implementation{}})
	c.section("3", srcSpec+" 3", "section 3 (the ways patients are cared for)", care.isZero(), parts...)
	l := f.Local
	c.section("4", srcSpec+" 4", "section 4 (local care and the social dimension)", l.isZero(),
		part{"4/project", srcSpec + " 4", "the department project (4)", blank(l.Project)},
		part{"4/actions", srcSpec + " 4", "the actions with partners (4)", len(l.Actions) == 0},
	)
	pl := f.Plan
	c.section("5", srcSpec+" 5", "section 5 (the objectives the centre sets itself)", pl.isZero(),
		part{"5.1/goals", srcSpec + " 5.1", "the objectives and calendar over five years (5.1)", len(pl.Goals) == 0},
		part{"5.2/approach", srcSpec + " 5.2", "the approach and tools (5.2)", blank(pl.Approach)},
	)
	if cv := f.Convention; cv != nil {
		m := cv.Missions
		c.section("convention/2", srcModel+" article 2", "article 2 of the convention (organisation and roles: the five missions)", m == Missions{},
			part{"convention/2.1", srcModel + " article 2.1", "mission 2.1 (global and coherent care)", blank(m.GlobalCare)},
			part{"convention/2.2", srcModel + " article 2.2", "mission 2.2 (local care and the reference centres' recourse role)", blank(m.LocalCare)},
			part{"convention/2.3", srcModel + " article 2.3", "mission 2.3 (knowledge and practice: registry, research, orphan drugs)", blank(m.Knowledge)},
			part{"convention/2.4", srcModel + " article 2.4", "mission 2.4 (the tools of coordination)", blank(m.Coordination)},
			part{"convention/2.5", srcModel + " article 2.5", "mission 2.5 (authorities and patient associations)", blank(m.Authorities)},
		)
		c.section("convention/3", srcModel+" article 3", "article 3 of the convention (the reference centres' commitments)", cv.ReferenceCommitments == nil)
		c.section("convention/4", srcModel+" article 4", "article 4 of the convention (the competence centre's commitments)", cv.CompetenceCommitments == nil)
		if blank(cv.Evaluation) {
			c.add(SectionMissing, "convention/5", srcModel+" article 5", 0, labelling.Date{},
				"article 5 of the convention (conditions of evaluation) is missing: the agency must make sure the terms of the evaluation of the competence centre's activity are stated (étape n°3)")
		}
	}
}

var topicText = map[Topic]string{
	Strategy:    "following the therapeutic strategy",
	Emergencies: "handling emergencies",
	Continuity:  "continuity of care at every age",
}

// physicians returns the physicians of section 1.1, the responsible one
// first.
func (f File) physicians() []Physician {
	var ps []Physician
	if f.Centre.Responsible != (Physician{}) {
		ps = append(ps, f.Centre.Responsible)
	}
	return append(ps, f.Centre.Physicians...)
}

// attached is the set of the attachments of a file, by kind and the role
// whose CV it is: one look-up per attachment asked for, whatever the
// number of physicians and CVs.
type attached map[attachmentKey]bool

type attachmentKey struct {
	kind AttachmentKind
	of   string
}

func attachedOf(as []Attachment) attached {
	set := make(attached, len(as))
	for _, a := range as {
		set[attachmentKey{a.Kind, a.Of}] = true
	}
	return set
}

func (s attached) has(k AttachmentKind, of string) bool { return s[attachmentKey{k, of}] }

func (c *checker) attachments() {
	f := c.f
	has := attachedOf(f.Attachments)
	for _, p := range f.physicians() {
		if !has.has(CV, p.Role) {
			c.add(AttachmentMissing, "cv/"+p.Role, cite(srcAnnexes+" 1)", srcSpec+" 1.1"), 0, labelling.Date{},
				"no CV of the %s: the specification asks for the CV of every physician of the centre", quote(p.Role))
		}
	}
	if len(f.Care.Publications) > 0 && !has.has(Publications, "") {
		c.add(AttachmentMissing, "publications", cite(srcAnnexes+" 2)", srcSpec+" 3.1"), 0, labelling.Date{},
			"the first pages or PubMed pages of the %d publications of section 3.1 are not joined", len(f.Care.Publications))
	}
	if !has.has(CMEOpinion, "") {
		c.add(AttachmentMissing, "cme-opinion", cite(srcAnnexes+" 3)", srcStep3), 0, labelling.Date{},
			"the opinion of the medical committee of the establishment (CME) is not joined: the file goes to the agency after it")
	}
	if !has.has(BoardDeliberation, "") {
		c.add(AttachmentMissing, "board-deliberation", cite(srcAnnexes+" 3)", srcStep3), 0, labelling.Date{},
			"the deliberation of the board of the establishment is not joined: the file goes to the agency after it")
	}
	if co := f.Platform.Cooperation; co != nil && co.SharedRecords && !has.has(SharedRecord, "") {
		c.add(AttachmentMissing, "shared-record", srcSpec+" 2.3", 0, labelling.Date{},
			"the file says shared rare-disease records exist but joins no copy, which section 2.3 asks for")
	}
	if f.Convention == nil {
		c.add(AttachmentMissing, "convention", cite(srcAnnexes+" 4)", srcStep3), 0, labelling.Date{},
			"the convention with the reference centres is not joined: the agency decides on its content")
	}
	for _, a := range f.Attachments {
		if a.Kind.dated() && !a.Date.IsZero() && a.Date.After(f.Transmitted) {
			c.add(AttachmentAfterTransmission, a.Kind.String(), srcStep3, 0, a.Date,
				"the %s is dated %v, after the transmission to the agency on %v: the director transmits the file after the opinion of the medical committee and the deliberation of the board",
				attachmentText[a.Kind], a.Date, f.Transmitted)
		}
	}
}

var attachmentText = map[AttachmentKind]string{
	CMEOpinion:        "medical committee's opinion (CME)",
	BoardDeliberation: "board's deliberation",
}

// coordinators returns the reference centres whose coordinators must sign
// a block that names refs: refs, then (given a network) every coordinating
// site of the file's group in force on the transmission day, each once;
// and the set of refs.
func (c *checker) coordinators(refs []network.CentreID) ([]network.CentreID, map[network.CentreID]bool) {
	out := slices.Clone(refs)
	named := make(map[network.CentreID]bool, len(refs))
	for _, r := range refs {
		named[r] = true
	}
	if c.n != nil {
		for ce := range c.n.CentresByGroup(c.f.Group) {
			if ce.Tier == typology.Reference && ce.Role == typology.Coordinating && ce.InForce(c.f.Transmitted) && !named[ce.ID] {
				out = append(out, ce.ID)
			}
		}
	}
	return out, named
}

// signatures is the set of the signatures of a block, by role and the
// reference centre signed for: one look-up per signature asked for.
type signatures map[signatureKey]bool

type signatureKey struct {
	role SignatoryRole
	ref  network.CentreID
}

func signaturesOf(ss []Signature) signatures {
	set := make(signatures, len(ss))
	for _, s := range ss {
		set[signatureKey{s.Role, s.Reference}] = true
	}
	return set
}

func (s signatures) signed(r SignatoryRole, ref network.CentreID) bool {
	return s[signatureKey{r, ref}]
}

func (c *checker) signatures() {
	f := c.f
	src := srcSpec + ", signatures"
	fileSigned := signaturesOf(f.Signatures)
	for _, r := range []SignatoryRole{Responsible, DivisionHead, EstablishmentHead} {
		if !fileSigned.signed(r, "") {
			c.add(SignatureMissing, "file/"+r.String(), src, 0, labelling.Date{},
				"the specification is not signed by the %s", roleText[r])
		}
	}
	for _, ref := range f.Reference {
		if !fileSigned.signed(HospitalDirector, ref) {
			c.add(SignatureMissing, "file/hospital-director/"+string(ref), src, 0, labelling.Date{},
				"the specification is not signed by the director general of the university hospital seat of reference centre %s", quote(string(ref)))
		}
	}
	c.coordinatorSignatures("file", "the specification", fileSigned, f.Reference, src)
	c.late("file", "the specification", f.Signatures)
	if cv := f.Convention; cv != nil {
		msrc := srcModel + ", signatures"
		convSigned := signaturesOf(cv.Signatures)
		if !convSigned.signed(Responsible, "") {
			c.add(SignatureMissing, "convention/responsible", msrc, 0, labelling.Date{},
				"the convention is not signed by the competence centre's responsible physician")
		}
		c.coordinatorSignatures("convention", "the convention", convSigned, cv.Reference, msrc)
		c.late("convention", "the convention", cv.Signatures)
	}
}

var roleText = map[SignatoryRole]string{
	Responsible:       "competence centre's responsible physician",
	DivisionHead:      "head of the clinical division (chef de pôle)",
	EstablishmentHead: "head of the establishment",
	Coordinator:       "coordinator",
	HospitalDirector:  "director general of the university hospital",
}

func (c *checker) coordinatorSignatures(block, what string, ss signatures, refs []network.CentreID, src string) {
	all, named := c.coordinators(refs)
	for _, ref := range all {
		if ss.signed(Coordinator, ref) {
			continue
		}
		why := "it is a party"
		if block == "file" {
			why = "the file attaches to it"
		}
		if !named[ref] {
			why = fmt.Sprintf("it is a coordinating site of group %d in force on %v, and the coordinators of the reference centres of the group co-sign the whole (étape n°3)", c.f.Group.Number(), c.f.Transmitted)
		}
		c.add(CoordinatorSignatureMissing, block+"/"+string(ref), cite(srcStep3, src), 0, labelling.Date{},
			"%s is not signed by the coordinator of reference centre %s: %s", what, quote(string(ref)), why)
	}
}

func (c *checker) late(block, what string, ss []Signature) {
	for _, s := range ss {
		if !s.Date.IsZero() && s.Date.After(c.f.Transmitted) {
			who := roleText[s.Role]
			if s.Reference != "" {
				who += " for " + quote(string(s.Reference))
			}
			c.add(SignatureAfterTransmission, block+"/"+s.Role.String()+"/"+string(s.Reference), srcStep3, 0, s.Date,
				"%s is signed by the %s on %v, after its transmission to the agency on %v: the signed file is what the director transmits",
				what, who, s.Date, c.f.Transmitted)
		}
	}
}

func (c *checker) activity() {
	f := c.f
	if len(f.Centre.Activity) == 0 {
		return // section-missing says it
	}
	y := f.Transmitted.Year()
	src := srcSpec + " 1.2"
	has := make(map[int]bool)
	for _, a := range f.Centre.Activity {
		has[a.Year] = true
	}
	for want := y - 3; want < y; want++ {
		if !has[want] {
			c.add(ActivityYears, fmt.Sprintf("missing/%d", want), src, want, labelling.Date{},
				"no activity for %d: the specification asks for the activity of each of the three years before the application (%d to %d for a file transmitted in %d)",
				want, y-3, y-1, y)
		}
	}
	for _, a := range f.Centre.Activity {
		if a.Year < y-3 || a.Year >= y {
			c.add(ActivityYears, fmt.Sprintf("extra/%d", a.Year), src, a.Year, labelling.Date{},
				"activity given for %d, which is not one of the three years before the application (%d to %d for a file transmitted in %d)",
				a.Year, y-3, y-1, y)
		}
		if a.NewPatients > a.Patients {
			c.add(ActivityInconsistent, fmt.Sprintf("%d/new", a.Year), src, a.Year, labelling.Date{},
				"%d new patients in %d but only %d patients followed: new patients are among the patients followed", a.NewPatients, a.Year, a.Patients)
		}
		if a.Consultations < a.Patients {
			c.add(ActivityInconsistent, fmt.Sprintf("%d/consultations", a.Year), src, a.Year, labelling.Date{},
				"%d consultations in %d for %d patients followed: a patient followed is seen at least once", a.Consultations, a.Year, a.Patients)
		}
	}
}

func sameIDs(a, b []network.CentreID) bool {
	x, y := slices.Clone(a), slices.Clone(b)
	slices.Sort(x)
	slices.Sort(y)
	return slices.Equal(slices.Compact(x), slices.Compact(y))
}

// maxListed bounds the IDs a message lists.
const maxListed = 5

// ids lists centre IDs for a message, in order, quoted and cut: at most
// maxListed of them, then how many there are in all.
func ids(xs []network.CentreID) string {
	xs = slices.Sorted(slices.Values(xs))
	s := make([]string, 0, maxListed+1)
	for _, x := range xs[:min(len(xs), maxListed)] {
		s = append(s, quote(string(x)))
	}
	if len(xs) > maxListed {
		s = append(s, fmt.Sprintf("... (%d in all)", len(xs)))
	}
	return strings.Join(s, ", ")
}

func (c *checker) convention(cv Convention) {
	f := c.f
	src := srcModel + " article 1"
	if cv.Group != f.Group {
		c.add(ConventionGroupMismatch, "group", cite(src, srcStep3), 0, labelling.Date{},
			"the convention is for group %d (%s) but the file for group %d (%s): the convention binds centres of one group",
			cv.Group.Number(), cv.Group.NameFR(), f.Group.Number(), f.Group.NameFR())
	}
	if len(f.Reference) > 0 && !sameIDs(cv.Reference, f.Reference) {
		c.add(ConventionPartiesMismatch, "reference", src, 0, labelling.Date{},
			"the convention's reference parties (%s) are not the reference centres the file attaches to (%s)", ids(cv.Reference), ids(f.Reference))
	}
	if cv.Competence != f.Applicant {
		c.add(ConventionPartiesMismatch, "competence", src, 0, labelling.Date{},
			"the convention's competence party is %s, not the applicant %s", quote(string(cv.Competence)), quote(string(f.Applicant)))
	}
	if r := cv.ReferenceCommitments; r != nil {
		s3 := srcModel + " article 3"
		for _, k := range []struct {
			key, what string
			kept      bool
		}{
			{"registry-access", "give access to the patients' records in the national registry", r.RegistryAccess},
			{"website-access", "give access to the network's website", r.WebsiteAccess},
			{"first-prescription", "let the competence centre make first prescriptions of orphan drugs", r.FirstPrescription},
			{"recourse", "answer the competence centre's requests for recourse", r.Recourse},
			{"protocols", "circulate protocols and good practice", r.Protocols},
			{"research", "include the competence centre in research and trials", r.Research},
		} {
			if !k.kept {
				c.add(CommitmentMissing, "3/"+k.key, s3, 0, labelling.Date{},
					"the reference centres do not commit to %s (article 3 of the model; negotiable, say why in the adaptations)", k.what)
			}
		}
	}
	if k := cv.CompetenceCommitments; k != nil {
		s4 := srcModel + " article 4"
		for _, x := range []struct {
			key, what string
			kept      bool
		}{
			{"training", "follow the training the reference centres organise", k.Training},
			{"annual-meetings", "attend the reference centre's annual meetings", k.AnnualMeetings},
			{"registry-records", "fill in the patient record and send it to the national registry", k.RegistryRecords},
			{"prescribers", "designate the physicians who make first prescriptions", len(k.Prescribers) > 0},
			{"phone-answers", "answer patients' questions by telephone through designated physicians", k.PhoneAnswers},
			{"association-meeting", "take part in the patient association's annual meeting", k.AssociationMeeting},
			{"interlocutor", "be the interlocutor of hospital and private physicians", k.Interlocutor},
		} {
			if !x.kept {
				c.add(CommitmentMissing, "4/"+x.key, s4, 0, labelling.Date{},
					"the competence centre does not commit to %s (article 4 of the model; negotiable, say why in the adaptations)", x.what)
			}
		}
		if k.FollowUpVisits < MinFollowUpVisits {
			c.add(CommitmentMissing, "4/follow-up-visits", s4, 0, labelling.Date{},
				"the competence centre commits to %s a year per patient; the model asks for at least %d", plural(k.FollowUpVisits, "follow-up visit"), MinFollowUpVisits)
		}
		if k.PractitionerMeetings < MinPractitionerMeetings {
			c.add(CommitmentMissing, "4/practitioner-meetings", s4, 0, labelling.Date{},
				"the competence centre commits to %s a year for hospital and private physicians; the model asks for %d", plural(k.PractitionerMeetings, "meeting"), MinPractitionerMeetings)
		}
	}
}

// references checks, against the network, every reference centre the
// file or the convention names.
func (c *checker) references() {
	f := c.f
	refs := slices.Clone(f.Reference)
	if f.Convention != nil {
		named := make(map[network.CentreID]bool, len(refs))
		for _, r := range refs {
			named[r] = true
		}
		for _, r := range f.Convention.Reference {
			if !named[r] {
				named[r] = true
				refs = append(refs, r)
			}
		}
	}
	src := cite(srcStep3, srcSpec+", en-tête")
	for _, ref := range refs {
		ce, ok := c.n.Centre(ref)
		var why string
		switch {
		case !ok:
			why = "no centre of the network has this ID"
		case ce.Tier != typology.Reference:
			why = fmt.Sprintf("it is a %s centre", ce.Tier)
		case ce.Group != f.Group:
			why = fmt.Sprintf("it is a reference centre of group %d, not %d", ce.Group.Number(), f.Group.Number())
		case !ce.InForce(f.Transmitted):
			why = fmt.Sprintf("it holds no label in force on %v, the day of transmission", f.Transmitted)
		default:
			continue
		}
		c.add(ReferenceNotLabelled, string(ref), src, 0, labelling.Date{},
			"reference centre %s is named by the file but %s: a competence centre attaches to labelled reference centres of its group", quote(string(ref)), why)
	}
}

// team reports the competence centres of the applying team, other than the
// applicant itself (a renewal), labelled on the transmission day for
// diseases of the group that overlap the application's.
func (c *checker) team() {
	f := c.f
	for ce := range c.n.CentresOfTeam(f.Team) {
		if ce.Tier != typology.Competence || ce.ID == f.Applicant || ce.Group != f.Group || !ce.InForce(f.Transmitted) || !overlap(ce.Diseases, f.Diseases) {
			continue
		}
		c.add(TeamAlreadyLabelled, string(ce.ID), srcStep1, 0, labelling.Date{},
			"team %s already holds the competence label of centre %s, in force on %v, for diseases of group %d that overlap the application's: a team may be a competence centre in several groups, not twice for the same diseases",
			quote(string(f.Team)), quote(string(ce.ID)), f.Transmitted, f.Group.Number())
	}
}

// overlap reports whether two disease lists of one group overlap: either
// is empty (the whole group), or they share a disease (by ORPHAcode, else
// by exact name).
func overlap(a, b []typology.Disease) bool {
	if len(a) == 0 || len(b) == 0 {
		return true
	}
	keys := make(map[string]bool, len(a))
	for _, d := range a {
		keys[d.Key()] = true
	}
	for _, d := range b {
		if keys[d.Key()] {
			return true
		}
	}
	return false
}

// plural writes n and a noun, with an s unless n is 1.
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
