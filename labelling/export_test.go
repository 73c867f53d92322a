package labelling

// ParseCampaigns parses a campaign table as the embedded one is parsed,
// returning only the error.
func ParseCampaigns(b []byte) error {
	_, err := parseCampaigns(b)
	return err
}

// CampaignTableErr returns the error of parsing the embedded table.
func CampaignTableErr() error {
	_, err := campaignTable()
	return err
}

// EmbeddedCampaigns returns the embedded copy of campaigns.csv.
func EmbeddedCampaigns() []byte { return campaignsCSV }
