package rules

// The IDs of the built-in rules, in the order of RULES.md. IDs are stable:
// users filter, suppress and grep on them. Each comment says what the rule
// reports and quotes the text it comes from, cited by file name as the
// README's Sources section lists them (title, date, address).

// Competence centres.
const (
	// CompetenceMinActiveFile (violation): for every calendar year in
	// which a competence centre was labelled on every day and for which
	// activity is recorded, the active file (patients followed that year)
	// is at least Config.MinActiveFile, 25: 24 fails, 25 passes. Years not
	// wholly labelled are not judged.
	//
	// Source: offre-de-soins-fr-en.txt, "Les centres de compétence maladies
	// rares": « La file active* minimale pour un centre de compétence est
	// de 25 patients par an. »
	CompetenceMinActiveFile = "competence.min-active-file"

	// CompetenceActivityMissing (advice): a calendar year before the audit
	// date's year, in which a competence centre was labelled on every day,
	// with no activity recorded: its active file cannot be judged.
	//
	// Source: offre-de-soins-fr-en.txt, "Les centres de compétence maladies
	// rares" (the minimum active file, judged on recorded activity), and
	// circulaire-dhos-2007-centres-de-competences.txt, annexe 3, cahier des
	// charges 1.2 « NOMBRE DE MALADES SUIVIS »: « Activité sur la ou les
	// pathologies ciblées […] Nombre de malades suivis par an ».
	CompetenceActivityMissing = "competence.activity-missing"

	// CompetenceInterregionalPreferred (advice): a regional competence
	// centre in force at the audit date that lists at least one disease,
	// all of them of low prevalence (class strictly below
	// Config.LowPrevalence). A centre with a disease of unknown prevalence,
	// or with no listed disease, is not flagged.
	//
	// Source: circulaire-dhos-2007-centres-de-competences.txt, étape n°1:
	// « Les centres de compétences à vocation interrégionale seront
	// privilégiés pour les maladies rares à faible prévalence. »
	CompetenceInterregionalPreferred = "competence.interregional-preferred"

	// CompetenceUnattached (violation): a competence centre in force at
	// the audit date attached to no reference centre of its group: no
	// convention running that day with a reference centre of its group
	// whose label is in force that day, and no attachment (attached_to,
	// rarenet/1.1) to a reference site of its group in force that day.
	//
	// Source: circulaire-dhos-2007-centres-de-competences.txt, étape n°3:
	// « Les critères de désignation des centres de compétences s’appuient
	// sur un cahier des charges et l’établissement d’une convention entre
	// les centres de référence et les centres de compétences. », and the
	// header of the cahier des charges: « Nom du centre de référence auquel
	// se rattache le centre de compétences »; offre-de-soins-fr-en.txt,
	// "Les centres de compétence maladies rares": « en lien avec le CRMR
	// dont il dépend fonctionnellement ».
	CompetenceUnattached = "competence.unattached"

	// CompetenceAttachmentMismatch (violation): a competence centre whose
	// attached_to (rarenet/1.1) names a reference site of another disease
	// group, whatever the audit date: the data contradicts itself. One
	// finding per competence centre, listing the sites.
	//
	// Source: offre-de-soins-fr-en.txt, "Les centres de compétence
	// maladies rares": a competence centre works « en lien avec le CRMR
	// dont il dépend fonctionnellement »; circulaire-dhos-2007-centres-de-
	// competences.txt, annexe 3, convention-type article 1 (the convention
	// names the group).
	CompetenceAttachmentMismatch = "competence.attachment-mismatch"
)

// Teams.
const (
	// TeamDuplicateLabel (violation): one team holds, through two
	// different centres, two labels of the same tier whose coverages
	// overlap (same group, and a disease list empty or the lists sharing a
	// disease) and whose effective windows intersect. Labels in different
	// groups never trigger it.
	//
	// Source: circulaire-dhos-2007-centres-de-competences.txt, étape n°1,
	// last sentence: « Une même équipe hospitalière peut être centre de
	// compétences dans différents groupes de maladies rares. » The
	// permission is for different groups: the same team designated twice
	// for the same diseases is a duplicate.
	TeamDuplicateLabel = "team.duplicate-label"

	// TeamReferenceAndCompetence (advice): one team holds a reference
	// label and a competence label, through two centres, with overlapping
	// coverage, both in force on some common day.
	//
	// Source: circulaire-dhos-2007-centres-de-competences.txt, preamble:
	// « la structuration et la gradation de l'offre de soins […] sur deux
	// niveaux : un niveau d’expertise et de recours […] constitué par les
	// centres de référence labellisés […] ; un niveau de prise en charge le
	// plus souvent régional, avec les centres de compétences ».
	TeamReferenceAndCompetence = "team.reference-and-competence"
)

// Labels.
const (
	// LabelWindowTooLong (violation): a label's initial window (before
	// extensions) is longer than Config.LabelTerm years: its end is after
	// start + 5 years, counted as time.Time.AddDate counts (2016-02-29 + 5
	// years = 2021-03-01, so [2016-02-29, 2021-03-01) is exactly five
	// years).
	//
	// Source: circulaire-dhos-2007-centres-de-competences.txt, résumé and
	// introduction: « 103 centres sont désormais labellisés pour une
	// période de cinq ans »; sensgene-centres-2017.txt: « Le label est
	// attribué par le ministre chargé de la santé, pour une durée de cinq
	// ans. »; crmr-malformations-face-2007.txt: « Les Centres ont été
	// désignés une première fois pour cinq ans. »; for competence centres,
	// the 2017 and 2023 labellings (labelling/data/campaigns.csv).
	LabelWindowTooLong = "label.window-too-long"

	// LabelExtensionWithoutBasis (violation): an extension event with no
	// act at all (an act of any kind, "other" included, is a basis).
	//
	// Source: circulaire-dhos-2007-centres-de-competences.txt, « Textes de
	// référence »: labels are granted and changed by legal acts (« Arrêté
	// du 19 novembre 2004 portant labellisation de centres de référence
	// […] », and the arrêtés of 2005 and 2006).
	LabelExtensionWithoutBasis = "label.extension-without-basis"

	// LabelOverlap (violation): two labels of the same centre whose
	// effective windows intersect: the data contradicts itself.
	//
	// Source: RULES.md cites no text (a data contradiction); the label is
	// one grant for one period: circulaire-dhos-2007-centres-de-
	// competences.txt, introduction: « labellisés pour une période de cinq
	// ans ».
	LabelOverlap = "label.overlap"

	// LabelGap (advice): a label with a gap before it: its start is after
	// the latest effective end of the centre's labels before it, so the
	// centre was unlabelled for a while. One finding per centre.
	//
	// Source: RULES.md cites no text; renewal follows the five-year term:
	// crmr-malformations-face-2007.txt: « feront l’objet d’une évaluation
	// avant leur éventuel renouvellement au terme de ces cinq ans ».
	LabelGap = "label.gap"

	// LabelRenewalWithoutEvaluation (violation): a label that has a
	// previous label (a renewal) while the previous label carries no
	// evaluation event dated inside its own effective window.
	//
	// Source: crmr-malformations-face-2007.txt: « Ils ont déjà fait l’objet
	// de deux auto-évaluations et feront l’objet d’une évaluation avant
	// leur éventuel renouvellement au terme de ces cinq ans. »
	LabelRenewalWithoutEvaluation = "label.renewal-without-evaluation"

	// LabelActivityOutsideWindow (violation): activity recorded for a year
	// in which the centre held no label in force on any day.
	//
	// Source: RULES.md cites no text (a data contradiction): the activity
	// of cahier des charges 1.2 is a labelled centre's activity
	// (circulaire-dhos-2007-centres-de-competences.txt, annexe 3, 1.2
	// « NOMBRE DE MALADES SUIVIS »).
	LabelActivityOutsideWindow = "label.activity-outside-window"

	// LabelLapsed (info): a centre with no label in force at the audit
	// date although one of its labels ended on or before it (a historical
	// centre). A centre whose first label starts after the audit date is
	// not lapsed.
	//
	// Source: RULES.md cites no text (a fact for analysts); a label is
	// granted for a term: sensgene-centres-2017.txt: « Le label est
	// attribué […] pour une durée de cinq ans. »
	LabelLapsed = "label.lapsed"
)

// Conventions between reference and competence centres.
const (
	// ConventionGroupMismatch (violation): a convention whose reference
	// and competence parties are not of the same disease group.
	//
	// Source: circulaire-dhos-2007-centres-de-competences.txt, annexe 3,
	// convention-type, « Article premier – Parties et objet de la
	// convention »: « mentionner la ou les maladies rares concernées. dans
	// le groupe des maladies rares de la typologie - mentionner le groupe
	// de maladies rares ».
	ConventionGroupMismatch = "convention.group-mismatch"

	// ConventionOutlivesReferenceLabel (violation): a convention recorded
	// as running (no end, or a later end) past the day E on which one of
	// its reference parties stopped being labelled, E being on or before
	// the audit date (E: the latest effective end among that party's
	// labels that started on or before the audit date).
	//
	// Source: circulaire-dhos-2007-centres-de-competences.txt, annexe 3,
	// convention-type, « Article 6- Durée »: « Elle prend fin en cas de
	// retrait du label du centre de référence par arrêté du ministre
	// chargé de la santé […] » (a label that expires unrenewed ends it the
	// same way).
	ConventionOutlivesReferenceLabel = "convention.outlives-reference-label"

	// ConventionOutlivesCompetenceLabel (violation): a convention recorded
	// as running (no end, or a later end) past the day E on which its
	// competence party stopped being labelled, E being on or before the
	// audit date (E: the latest effective end among that party's labels
	// that started on or before the audit date; no such label, no
	// finding). A convention that starts after E and runs is reported too.
	//
	// Source: circulaire-dhos-2007-centres-de-competences.txt, annexe 3,
	// convention-type, « Article 6- Durée »: the convention also ends « par
	// décision du directeur de l’Agence régionale de l’hospitalisation pour
	// le centre de compétences ».
	ConventionOutlivesCompetenceLabel = "convention.outlives-competence-label"

	// ConventionMissingCosignatory (advice): a convention signed on day S
	// whose signatories miss a coordinating reference site of the
	// competence party's group in force on S: all of them must co-sign.
	//
	// Source: circulaire-dhos-2007-centres-de-competences.txt, étape n°3:
	// « L’ensemble est cosigné par les coordonnateurs des centres de
	// référence d’un même groupe de maladies rares et le responsable du
	// centre de compétences. »
	ConventionMissingCosignatory = "convention.missing-cosignatory"
)

// Reference centres, sectors and platforms.
const (
	// ReferenceOrphanConstitutiveSite (violation): a constitutive site
	// whose coordinating site is missing, not a coordinating site, or of
	// another group. A reference centre has exactly one coordinating site.
	//
	// Source: sensgene-centres-2017.txt: « 363 centres de référence (104
	// sites coordonnateurs et 259 sites constitutifs) […] sont labellisés
	// par le Ministère en charge de la santé pour la période 2017-2022. »
	ReferenceOrphanConstitutiveSite = "reference.orphan-constitutive-site"

	// FiliereReferenceOutsideFiliere (violation): a coordinating site in
	// force at the audit date that belongs to no sector, when the audit
	// date is on or after Config.FilieresSince (2015-01-01: the 23 sectors
	// were constituted during 2014, labelling/data/campaigns.csv fsmr-2014).
	//
	// Source: offre-de-soins-fr-en.txt, "Les filières de santé maladies
	// rares": « une filière de santé maladies rares (FSMR) est une
	// organisation qui coordonne un ensemble associant des centres de
	// référence maladies rares, des centres de compétence […] »; "Les plans
	// nationaux maladies rares": « la création des 23 filières de santé
	// s’appuyant sur 387 centres de référence ».
	FiliereReferenceOutsideFiliere = "filiere.reference-outside-filiere"

	// FiliereReferenceInSeveral (violation): a coordinating site that
	// belongs to more than one sector.
	//
	// Source: RULES.md cites no text; a coordinating site belongs to one
	// sector (DOMAIN.md), the sector that coordinates the centres of its
	// field: offre-de-soins-fr-en.txt, "Les filières de santé maladies
	// rares".
	FiliereReferenceInSeveral = "filiere.reference-in-several"

	// PlatformSingleCentreHost (advice): a platform (expertise, or
	// overseas coordination) whose host establishment is the seat of fewer
	// than two centres in force at the audit date (centres whose team
	// belongs to that establishment).
	//
	// Source: offre-de-soins-fr-en.txt, "Les plateformes d’expertise
	// maladies rares": « Les plateformes d’expertise maladies rares et les
	// plateformes de coordination outre-mer permettent de renforcer
	// l’articulation inter-filières au sein des établissements siège de
	// plusieurs centres labellisés. »
	PlatformSingleCentreHost = "platform.single-centre-host"
)

// Activity data quality.
const (
	// ActivityInconsistent (violation): in one activity year, more new
	// patients than patients followed, or fewer consultations than
	// patients followed.
	//
	// Source: circulaire-dhos-2007-centres-de-competences.txt, annexe 3,
	// cahier des charges 1.2 « NOMBRE DE MALADES SUIVIS »: « Nombre de
	// consultations / Nombre de malades suivis par an : / Nombre de
	// nouveaux malades par an : ».
	ActivityInconsistent = "activity.inconsistent"
)

// The designation procedure (2007 competence-centre campaign). These apply
// only where a label carries its designation record.
const (
	// DesignationMissingOpinion (violation): a competence designation
	// decided by the regional agency without the national committee's
	// (CNCL) opinion, whichever way the application came (listed by the
	// reference centres, or sent directly by the team): no opinion is
	// recorded, or it is dated after the decision.
	//
	// Source: circulaire-dhos-2007-centres-de-competences.txt, étape n°2:
	// « le CNCL rend un avis sur les listes de centres de compétences »;
	// étape n°3: « Le directeur de l’ARH rend une décision qui se fonde sur
	// l’avis du CNCL […] », and for a team not listed: « L’ARH rend, dans
	// ce cas, un avis sur le dossier qu’elle transmet au CNCL qui statue
	// sur cette demande. »
	DesignationMissingOpinion = "designation.missing-opinion"

	// DesignationLate (advice): a designation decided after its campaign's
	// designation deadline (Config.DesignationDeadline, 1 February 2008,
	// for the 2007 campaign). A decision on the deadline day is on time.
	//
	// Source: circulaire-dhos-2007-centres-de-competences.txt, annexe 1
	// (Calendrier): « Au plus tard le 1er février 2008 — Désignation des
	// centres de compétences — ARH et établissements de santé ».
	DesignationLate = "designation.late"
)

// Coverage (analysis, off by default).
const (
	// CoverageRegionWithoutCentre (info): for each of the 18 current
	// regions (overseas included) and each of the 17 groups, no centre of
	// either tier in force at the audit date for that group in that
	// region. Subject: the region code, with the group set. It runs when
	// Config.Coverage is set or when a Config.Rules pattern names it.
	//
	// Source: circulaire-dhos-2007-centres-de-competences.txt, étape n°3:
	// « cette procédure doit être pour l’ARH l’occasion de s’assurer que le
	// maillage territorial régional et/ou interrégional permet la mise en
	// place effective d’une organisation cohérente et graduée des soins
	// requis. »
	CoverageRegionWithoutCentre = "coverage.region-without-centre"

	// CoverageInterregionWithoutCentre (info): for each of the 7
	// health-research interregions and each of the 17 groups, no centre of
	// either tier in force at the audit date for that group in that
	// interregion. Subject: the interregion's slug ("grand-ouest"), with
	// the group set. It runs like the region rule.
	//
	// Source: circulaire-dhos-2007-centres-de-competences.txt, étapes n°2
	// and n°3: the agencies check that « le maillage territorial régional
	// et/ou interrégional » allows a coherent, graded organisation of care.
	CoverageInterregionWithoutCentre = "coverage.interregion-without-centre"
)
