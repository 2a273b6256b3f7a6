package synth

import (
	"strings"

	"github.com/sluice-dev/sluice/table"
)

// Field is one column of a generated dataset.
//
// Naming convention: a column is the field's XDM path flattened into lower
// snake_case, the leading group kept as a prefix (web.webPageDetails.name →
// web_page_name, directMarketing.messageID → marketing_message_id); the tenant's
// custom field _<tenant>.userid becomes user_id in both datasets. Lower-case names
// need no quoting on PostgreSQL or DuckDB.
type Field struct {
	// Name is the column name.
	Name string
	// Type is the SQL type, valid on PostgreSQL and DuckDB (text, bigint, double
	// precision, boolean, timestamptz, date).
	Type string
	// Kind is the display kind of the column in generated tables.
	Kind table.Kind
	// Path is the XDM path the column flattens; {tenant} stands for Config.Tenant.
	Path string
	// Doc says what the field holds.
	Doc string
}

// ProfileFields are the columns of Profiles, in order.
var ProfileFields = []Field{
	{"user_id", "text", table.KindString, "_{tenant}.userid", "person id: the 38-digit ECID derived from the synthetic e-mail (primary identity)"},
	{"first_name", "text", table.KindString, "person.name.firstName", "first name"},
	{"last_name", "text", table.KindString, "person.name.lastName", "last name"},
	{"gender", "text", table.KindString, "person.gender", "male, female or not_specified"},
	{"personal_email", "text", table.KindString, "personalEmail.address", "personal e-mail address (the hashed identity's source)"},
	{"mobile_phone", "text", table.KindString, "mobilePhone.number", "mobile phone number (fictional 555 numbers)"},
	{"home_street", "text", table.KindString, "homeAddress.street1", "home address: street and number"},
	{"home_city", "text", table.KindString, "homeAddress.city", "home address: city"},
	{"home_state", "text", table.KindString, "homeAddress.stateProvince", "home address: state (two letters)"},
	{"home_postal_code", "text", table.KindString, "homeAddress.postalCode", "home address: postal code"},
	{"loyalty_id", "text", table.KindString, "loyalty.loyaltyID", "loyalty programme member id"},
	{"loyalty_tier", "text", table.KindString, "loyalty.tier", "diamond, platinum, gold, silver or member"},
	{"loyalty_points", "bigint", table.KindInt, "loyalty.points", "loyalty points balance"},
	{"loyalty_join_date", "date", table.KindTime, "loyalty.joinDate", "date the person joined the loyalty programme"},
}

// EventFields are the columns of Events, in order. Web fields are NULL on
// direct-marketing and advertising events, marketing fields on the others.
var EventFields = []Field{
	{"_id", "text", table.KindString, "_id", "event id (UUID)"},
	{"timestamp", "timestamptz", table.KindTime, "timestamp", "when the event happened (UTC, microseconds)"},
	{"event_type", "text", table.KindString, "eventType", "XDM event type, such as directMarketing.emailSent"},
	{"user_id", "text", table.KindString, "_{tenant}.userid", "the person's ECID (joins profiles.user_id)"},
	{"produced_by", "text", table.KindString, "producedBy", "what produced the event: sluice-synth"},
	{"web_page_name", "text", table.KindString, "web.webPageDetails.name", "page name; subscriptionForm on web.formFilledOut"},
	{"web_page_url", "text", table.KindString, "web.webPageDetails.URL", "page URL"},
	{"web_page_site_section", "text", table.KindString, "web.webPageDetails.siteSection", "site section of the page"},
	{"web_page_views", "bigint", table.KindInt, "web.webPageDetails.pageViews.value", "1 on page views, else 0"},
	{"web_link_clicks", "bigint", table.KindInt, "web.webInteraction.linkClicks.value", "1 on clicks, interactions, purchases and the form, else 0"},
	{"web_interaction_type", "text", table.KindString, "web.webInteraction.type", "download, exit or other"},
	{"web_referrer_type", "text", table.KindString, "web.webReferrer.type", "internal, external, search_engine, email, social, unknown, typed_bookmarked"},
	{"web_is_home_page", "boolean", table.KindBool, "web.webPageDetails.isHomePage", "whether the page is the home page"},
	{"commerce_order_total", "double precision", table.KindFloat, "commerce.order.priceTotal", "order total on commerce.purchases, else NULL"},
	{"decisioning_action", "text", table.KindString, "_experience.decisioning.propositionEventType", "display, interact or dismiss on decisioning events, else NULL"},
	{"marketing_message_id", "text", table.KindString, "directMarketing.messageID", "message id (UUID) on e-mail events"},
	{"marketing_campaign_id", "text", table.KindString, "directMarketing.campaignID", "campaign of the e-mail"},
	{"marketing_hashed_email", "text", table.KindString, "directMarketing.hashedEmail", "hash of the recipient address on emailSent"},
}

// fieldsTable renders fields as a table of name, type, XDM path and description.
func fieldsTable(title, tenant string, fields []Field) *table.Table {
	if tenant == "" {
		tenant = "sluice"
	}
	n := len(fields)
	names, types, paths, docs := make([]string, n), make([]string, n), make([]string, n), make([]string, n)
	for i, f := range fields {
		names[i], types[i], docs[i] = f.Name, f.Type, f.Doc
		paths[i] = strings.ReplaceAll(f.Path, "{tenant}", tenant)
	}
	t := table.New(table.StringColumn("name", names), table.StringColumn("type", types),
		table.StringColumn("xdm_path", paths), table.StringColumn("description", docs))
	t.Title, t.Limit = title, n
	return t
}

// ProfileSchema returns ProfileFields as a table (name, type, xdm_path, description)
// for the tenant (empty means "sluice").
func ProfileSchema(tenant string) *table.Table {
	return fieldsTable("Profile schema", tenant, ProfileFields)
}

// EventSchema returns EventFields as a table (name, type, xdm_path, description) for
// the tenant (empty means "sluice").
func EventSchema(tenant string) *table.Table {
	return fieldsTable("Experience event schema", tenant, EventFields)
}

// ColumnNames returns the names of fields in order.
func ColumnNames(fields []Field) []string {
	out := make([]string, len(fields))
	for i, f := range fields {
		out[i] = f.Name
	}
	return out
}
