// Package fhir writes a rare-disease care network ([network.Network]) as an
// HL7 FHIR R4 Bundle of type "collection", in JSON, for the Go services and
// directories of French health IT that exchange organisations as FHIR.
// It uses the standard library only and never reads the clock: the export
// date is an argument.
//
// # Resources
//
//   - An Organization per establishment (a site, établissement géographique),
//     identified by its FINESS number (identifier type FINEG) and, as the
//     French directories do, by its national structure identifier (IDNST,
//     "1" followed by the FINESS number); its legal entity, when the
//     establishment records one (Establishment.FINESSEJ), is an Organization
//     of its own (identifier type FINEJ, and IDNST) that the site is partOf.
//     Several sites of one legal entity share that Organization.
//   - A Location per establishment whose position is known (position in
//     WGS84 degrees), managed by the establishment's Organization.
//   - An Organization per centre, partOf its establishment (through its
//     team, whose unit is the alias), with four type codings: tier
//     (reference, competence), role (coordinating, constitutive; reference
//     centres only), kind (crmr, ccmr, crc, ...) and scope; active when the
//     centre holds a label in force at the export date.
//   - An Organization per sector (filière) and per platform (partOf the
//     establishment that hosts it).
//   - An OrganizationAffiliation per label (organization: the centre; code:
//     label; period: the effective window; active when in force at the
//     export date), per convention and reference party (organization: the
//     reference centre, participatingOrganization: the competence centre;
//     period: the convention's window; active when running), per attachment
//     of a competence centre (Centre.AttachedTo; organization: the reference
//     site, participatingOrganization: the competence centre) and per
//     sector membership (organization and network: the sector,
//     participatingOrganization: the centre; period from the sector's
//     constitution when known).
//   - A HealthcareService per centre, provided by it, whose category is the
//     disease group and whose specialties are the diseases it lists, coded
//     with Orphanet's code system when they have an ORPHAcode; a centre that
//     lists none covers its whole group.
//
// FHIR periods include their end day, the network's windows exclude it: a
// window [2017-11-25, 2022-11-25) is written as the period 2017-11-25 to
// 2022-11-24. A label withdrawn on its first day has no period and is not
// active.
//
// # Identifier systems and codes
//
// As the French core profiles (FR Core, Interop'Santé,
// https://hl7.fr/ig/fhir/core, profile fr-core-organization and value set
// fr-core-vs-organization-identifier-type) and the national health
// directory (Annuaire Santé of the Agence du numérique en santé) define
// them:
//
//   - FINESS numbers: system [SystemFINESS] (https://finess.esante.gouv.fr),
//     identifier type FINEG (FINESS d'entité géographique) or FINEJ (FINESS
//     d'entité juridique) of the code system [SystemIdentifierType]
//     (https://hl7.fr/ig/fhir/core/CodeSystem/fr-core-cs-v2-0203), use
//     "official";
//   - national structure identifiers: system [SystemIDNST]
//     (urn:oid:1.2.250.1.71.4.2.2, the OID of IDNST), type IDNST;
//   - the network's own IDs: type INTRN (identifiant interne), systems under
//     [Namespace] + "/id/" (establishment, legal-entity, centre, sector,
//     platform, label, convention, attachment, membership).
//   - ORPHAcodes: Orphanet's code system [SystemOrphanet]
//     (http://www.orpha.net), the code without its "ORPHA:" prefix.
//
// The codes of this package (tiers, roles, kinds, scopes, groups, kinds of
// organisation and affiliation, provenance marks) are in code systems under
// [Namespace] + "/CodeSystem/".
//
// # Provenance
//
// Every resource made from a record with a provenance carries the
// extension [ExtensionProvenance]: a complex extension with a "source"
// (valueString, where the fact comes from) and a "mark" (valueCode:
// verified, inferred, derived, unverified), each present when recorded.
// The mark is also a meta.tag of the code system [Namespace] +
// "/CodeSystem/mark", for searching.
//
// # Stable IDs
//
// Resource IDs are derived from the network's IDs alone: a prefix by kind
// ("est-", "ej-", "loc-", "centre-", "hs-", "sector-", "platform-",
// "label-", "conv-", "attach-", "member-") and the ID itself (for a link,
// the IDs it joins, separated by ".": "label-crmr-x.0", "conv-c1.crmr-x")
// when it fits FHIR's id syntax ([A-Za-z0-9.-], at most 64 characters);
// otherwise the ID with other characters replaced by "-", cut, and followed
// by 12 hexadecimal digits of its SHA-256, so that two IDs never meet. A
// FINESS number held by two establishments identifies the first of them
// (in ID order); a legal-entity number that is also an establishment's own
// number names that establishment, which the other sites are partOf. The same network gives
// the same bytes, run after run. Each entry's fullUrl is Options.Base
// followed by "/Type/id"; references are relative ("Organization/est-x").
//
// # Strings
//
// FHIR strings may hold no whitespace other than space, tab, carriage
// return and line feed: other spaces (a no-break space, common in French
// typography) are written as spaces.
//
// # Checks
//
// [Check] verifies what HL7's JSON schema cannot: every reference resolves
// to an entry of the bundle, resource IDs and fullUrls are unique, and no
// two resources share an identifier (system, type and value). The
// repository's CI also validates bundles against the FHIR R4 JSON schema
// (fhir.schema.json) with a JSON Schema validator.
package fhir
