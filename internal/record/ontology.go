package record

import "slices"

// Type is a PLOVER event type.
type Type string

// The 16 PLOVER event types.
const (
	Agree     Type = "AGREE"
	Consult   Type = "CONSULT"
	Support   Type = "SUPPORT"
	Concede   Type = "CONCEDE"
	Cooperate Type = "COOPERATE"
	Aid       Type = "AID"
	Retreat   Type = "RETREAT"
	Request   Type = "REQUEST"
	Accuse    Type = "ACCUSE"
	Reject    Type = "REJECT"
	Threaten  Type = "THREATEN"
	Protest   Type = "PROTEST"
	Sanction  Type = "SANCTION"
	Mobilize  Type = "MOBILIZE"
	Coerce    Type = "COERCE"
	Assault   Type = "ASSAULT"
)

// Types lists the 16 PLOVER event types in the manual's order.
var Types = []Type{Agree, Consult, Support, Concede, Cooperate, Aid, Retreat,
	Request, Accuse, Reject, Threaten, Protest, Sanction, Mobilize, Coerce, Assault}

// ParseType returns the type named s (exact upper case) and whether it is
// one of the 16.
func ParseType(s string) (Type, bool) {
	t := Type(s)
	return t, slices.Contains(Types, t)
}

// Quad is a PLOVER quad class.
type Quad int

// Quad classes (0 is unknown).
const (
	VerbalCoop     Quad = 1
	MaterialCoop   Quad = 2
	VerbalConflict Quad = 3
	MaterialConfl  Quad = 4
)

// Quad returns the quad class of t: 1 verbal cooperation, 2 material
// cooperation, 3 verbal conflict, 4 material conflict (0 unknown).
func (t Type) Quad() Quad {
	switch t {
	case Agree, Consult, Support, Concede:
		return VerbalCoop
	case Cooperate, Aid, Retreat:
		return MaterialCoop
	case Request, Accuse, Reject, Threaten:
		return VerbalConflict
	case Protest, Sanction, Mobilize, Coerce, Assault:
		return MaterialConfl
	}
	return 0
}

// QuadOf returns the quad class of the type named s (0 when s names none).
func QuadOf(s string) Quad { return Type(s).Quad() }

// Cooperative reports whether t is a cooperative act that becomes AGREE when
// told as future or as willingness (PLOVER: "any cooperative act reported as
// future").
func (t Type) Cooperative() bool {
	switch t {
	case Consult, Support, Cooperate, Aid, Agree:
		return true
	}
	return false
}

// Mode is a PLOVER mode: how an act of a type was done.
type Mode string

// The PLOVER modes (several types share some names).
const (
	NoMode Mode = ""
	// CONSULT
	Visit        Mode = "visit"
	ThirdParty   Mode = "third-party"
	Multilateral Mode = "multilateral"
	Phone        Mode = "phone"
	// RETREAT (withdraw also SANCTION)
	Withdraw  Mode = "withdraw"
	Release   Mode = "release"
	Disarm    Mode = "disarm"
	Ceasefire Mode = "ceasefire"
	Access    Mode = "access"
	Resign    Mode = "resign"
	// REQUEST and REJECT
	Assist Mode = "assist"
	Change Mode = "change"
	Yield  Mode = "yield"
	Meet   Mode = "meet"
	// ACCUSE
	Disapprove  Mode = "disapprove"
	Investigate Mode = "investigate"
	Allege      Mode = "allege"
	// THREATEN (restrict, arrest also COERCE; expel also SANCTION)
	Restrict  Mode = "restrict"
	Arrest    Mode = "arrest"
	Relations Mode = "relations"
	Expel     Mode = "expel"
	Territory Mode = "territory"
	Violence  Mode = "violence"
	// PROTEST
	Demo      Mode = "demo"
	Riot      Mode = "riot"
	Strike    Mode = "strike"
	Hunger    Mode = "hunger"
	Boycott   Mode = "boycott"
	Obstruct  Mode = "obstruct"
	Vandalize Mode = "vandalize"
	// SANCTION
	Convict     Mode = "convict"
	Discontinue Mode = "discontinue"
	// MOBILIZE
	Troops  Mode = "troops"
	Weapons Mode = "weapons"
	Police  Mode = "police"
	Militia Mode = "militia"
	// COERCE
	Seize          Mode = "seize"
	Censor         Mode = "censor"
	Curfew         Mode = "curfew"
	MartialLaw     Mode = "martial-law"
	Deport         Mode = "deport"
	Withhold       Mode = "withhold"
	Misinformation Mode = "misinformation"
	Cyber          Mode = "cyber"
	// ASSAULT
	Abduct         Mode = "abduct"
	Beat           Mode = "beat"
	Torture        Mode = "torture"
	Sexual         Mode = "sexual"
	Targeted       Mode = "targeted"
	Destroy        Mode = "destroy"
	Primitive      Mode = "primitive"
	Firearms       Mode = "firearms"
	Explosives     Mode = "explosives"
	SuicideAttack  Mode = "suicide-attack"
	Aerial         Mode = "aerial"
	Drone          Mode = "drone"
	HeavyWeapons   Mode = "heavy-weapons"
	CrowdControl   Mode = "crowd-control"
	Unconventional Mode = "unconventional"
)

// Modes lists each type's modes (PLOVER 5e0c24f §modes); AGREE, SUPPORT,
// CONCEDE, COOPERATE and AID have none.
var Modes = map[Type][]Mode{
	Consult:  {Visit, ThirdParty, Multilateral, Phone},
	Retreat:  {Withdraw, Release, Disarm, Ceasefire, Access, Resign},
	Request:  {Assist, Change, Yield, Meet},
	Reject:   {Assist, Change, Yield, Meet},
	Accuse:   {Disapprove, Investigate, Allege},
	Threaten: {Restrict, Arrest, Relations, Expel, Territory, Violence},
	Protest:  {Demo, Riot, Strike, Hunger, Boycott, Obstruct, Vandalize},
	Sanction: {Convict, Expel, Withdraw, Discontinue},
	Mobilize: {Troops, Weapons, Police, Militia},
	Coerce:   {Seize, Restrict, Censor, Curfew, MartialLaw, Arrest, Deport, Withhold, Misinformation, Cyber},
	Assault: {Abduct, Beat, Torture, Sexual, Targeted, Destroy, Primitive, Firearms, Explosives,
		SuicideAttack, Aerial, Drone, HeavyWeapons, CrowdControl, Unconventional},
}

// ValidMode reports whether m is a mode of t (the empty mode always is).
func (t Type) ValidMode(m Mode) bool {
	return m == NoMode || slices.Contains(Modes[t], m)
}

// Contexts lists the PLOVER context values.
var Contexts = []string{"military", "intelligence", "executive", "legislative", "election",
	"political_institutions", "pro_democracy", "pro_autocracy", "economic", "legal", "reparations",
	"human_rights", "rights_freedoms", "repression", "human_security", "gender", "lgbt",
	"religion_ethnicity", "inequality", "diplomatic", "territory", "peacekeeping", "health", "asylum",
	"migration", "disasters", "natural_resource", "environment", "technology", "terrorism", "cbrn",
	"cyber", "misinformation", "crime", "corruption", "illegal_drugs", "trafficking"}

// ValidContext reports whether c is a PLOVER context value.
func ValidContext(c string) bool { return slices.Contains(Contexts, c) }

// Organisations lists the organisation codes a party may have besides ISO
// 3166-1 alpha-3 state codes (eval/GUIDELINE.md, plus the Arab League and
// the OSCE).
var Organisations = []string{"UN", "EU", "NATO", "ASEAN", "AU", "ECOWAS", "AES", "BRICS", "SCO",
	"OPEC", "IAEA", "WHO", "WTO", "IMF", "WB", "ICC", "OIC", "GCC", "G7", "G20", "CSTO", "EAEU", "APEC",
	"LAS", "OSCE"}
