package labelling

import "fmt"

// Route is the way a competence centre's application reached the regional
// agency in the 2007 designation procedure (circulaire DHOS 2007, étapes
// 1-3). The zero Route is invalid.
type Route uint8

// The two routes, spelled as in FORMAT.md.
const (
	// Listed: the reference centres of the group identified the team and
	// sent their list to the national committee (CNCL).
	Listed Route = iota + 1
	// Direct: the team, not listed, applied directly to its regional
	// agency, which gave an opinion that the CNCL ruled on.
	Direct
)

var routeNames = [...]string{Listed: "listed", Direct: "direct"}

// IsValid reports whether r is Listed or Direct.
func (r Route) IsValid() bool { return r == Listed || r == Direct }

// String returns "listed" or "direct", or "Route(n)" when invalid.
func (r Route) String() string {
	if !r.IsValid() {
		return fmt.Sprintf("Route(%d)", uint8(r))
	}
	return routeNames[r]
}

// MarshalText returns r's spelling, and empty text for the zero Route (not
// set); it fails when r is otherwise invalid.
func (r Route) MarshalText() ([]byte, error) {
	if r == 0 {
		return []byte{}, nil
	}
	if !r.IsValid() {
		return nil, fmt.Errorf("labelling: cannot marshal invalid %v", r)
	}
	return []byte(routeNames[r]), nil
}

// UnmarshalText accepts exactly "listed" or "direct", and empty text for the
// zero Route, as MarshalText writes it.
func (r *Route) UnmarshalText(b []byte) error {
	if len(b) == 0 {
		*r = 0
		return nil
	}
	v, err := ParseRoute(string(b))
	if err != nil {
		return err
	}
	*r = v
	return nil
}

// ParseRoute accepts exactly "listed" or "direct".
func ParseRoute(s string) (Route, error) { return parseEnum[Route]("route", s, routeNames[:]) }

// CampaignID identifies a campaign of the embedded campaign table
// (campaigns.csv), such as "ccmr-2007" or "crmr-2017".
type CampaignID string

// CampaignCCMR2007 is the 2007 competence-centre designation campaign.
// FORMAT.md lets documents write it "2007"; see [CanonicalCampaign].
const CampaignCCMR2007 CampaignID = "ccmr-2007"

// CanonicalCampaign returns the canonical ID for id: "2007" is the 2007
// competence-centre designation, [CampaignCCMR2007]; every other ID is
// returned unchanged.
func CanonicalCampaign(id CampaignID) CampaignID {
	if id == "2007" {
		return CampaignCCMR2007
	}
	return id
}

// A Designation records how a competence centre was designated: the
// campaign, the route of its application, the day the national committee
// (CNCL) gave its opinion, and the day the regional agency decided.
//
// It is the outcome of a [Procedure], attached to the label the decision
// granted. CNCLOpinion is the zero Date when no opinion is recorded: the
// procedure never produces that, but historical records can say so, and
// the rule designation.missing-opinion reports it. The zero Designation
// means "no record".
type Designation struct {
	Campaign    CampaignID `json:"campaign,omitempty"`
	Route       Route      `json:"route,omitzero"`
	CNCLOpinion Date       `json:"cncl_opinion,omitzero"`
	Decision    Date       `json:"decision,omitzero"`
}

// IsZero reports whether d is the zero Designation (no record).
func (d Designation) IsZero() bool { return d == Designation{} }

// HasOpinion reports whether the committee's opinion is recorded.
func (d Designation) HasOpinion() bool { return !d.CNCLOpinion.IsZero() }
