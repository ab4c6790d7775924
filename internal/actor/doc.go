// Package actor resolves mentions of states, international organisations,
// their capitals, institutions, state companies, state media, proxy forces
// and leaders in a sentence's tokens to party codes (ISO 3166-1 alpha-3 for
// states, short codes such as UN, EU, NATO for organisations).
//
// # Data
//
// A Gazetteer is loaded from two tab-separated files (see Load):
//
//	actors.tsv   form  code  kind  [flags]
//	leaders.tsv  form  code  role  from  to  [flags]
//
// The shared home.tsv (LoadHomes) lists news outlets (hosts, country-code
// domains, printed names) and dateline towns by state: Homes reads a page's
// dateline and closing credit with it (see event/home.go).
//
// Lines starting with '#' and blank lines are ignored. A form is tokenised
// with token.Tokenize and matched on the tokens' lower-cased, diacritic-folded
// text, so "Erdoğan" in the file also matches "Erdogan" in the text and the
// reverse; a trailing "." ("U.S.") is dropped, an English possessive "'s" on
// the text's last token ("Japan's") is ignored, and a form written with a
// hyphen ("Kim Jong-un") also matches without it ("Kim Jong un").
//
// Kinds in actors.tsv: state, org, capital, gov (institutions that stand for
// a government: Kremlin, Gedung Putih, Kemlu), company (state companies),
// media (state media), force (forces working for a state: Wagner), nick
// (nicknames: Negeri Tirai Bambu), territory (Gaza), demonym (English
// adjectives: Japanese, Israeli) and block. A block form has code "-": it
// consumes its tokens and yields nothing ("Amerika Latin", "Eropa", "Laut
// China Selatan", "Papua"), so that a shorter form inside it does not match.
//
// Flags (comma-separated):
//
//	case     match only the exact capitalisation (or all capitals for forms of
//	         four letters or more): "AS", "RI", "UE", "WHO", "Xi"
//	weak     an ambiguous form ("Korea", "Kongo", "Georgia", "Jordan"); the
//	         mention carries Weak so that a caller can ask for more evidence
//	venue    a building that is also a place ("Istana Bogor", "Gedung Putih"):
//	         treated like a capital for the place rule below
//	generic  an institution of the text's own country that yields to a state
//	         named right after it: "Kemlu" is IDN, "Kemlu China" is CHN only
//	home     a name that only its own state's press uses bare ("Wisma Putra",
//	         "Kemlu", "RI"): the mention carries Home, evidence of the page's
//	         home state (see Homes)
//
// Roles in leaders.tsv: HOS (head of state, monarch, supreme leader; also the
// head of an organisation), HOG (head of government), FM (foreign minister),
// DM (defence minister), GOV (other senior office holder). Dates are
// YYYY-MM-DD, YYYY-MM or YYYY; an empty from or to leaves the term open. A
// form may have several rows (terms, roles, even codes: Mark Rutte is NLD
// until 2024 and NATO from October 2024).
//
// # Rules applied by Find
//
//   - Longest match first, left to right, without overlaps.
//   - A state, nickname or demonym right after "bahasa"/"berbahasa" is a
//     language ("bahasa Inggris"), not a party: no mention.
//   - A capital, territory or venue is a Place when it follows a place word
//     (di, dekat, sekitar, kota, ibu kota, kawasan, wilayah, perairan, laut,
//     pulau, kepulauan, kabupaten, provinsi, kecamatan, bandara, waktu, KBRI,
//     KJRI, in, at, near, city, capital, airport, time); when it is part of an
//     address ("di Istana Merdeka, Jakarta", "Tokyo, Jepang", "Lanud Halim
//     Perdanakusuma, Jakarta.", "di Jakarta, Selasa (21/2)", "jalur
//     Jakarta-Surabaya"); or when it opens a dateline ("MOSKOW -", "Jakarta
//     (ANTARA) -", "Liputan6.com, Jakarta -"). "ke Moskow" (the host of a
//     visit) and "dari Moskow" (a delegation or envoy from its government)
//     are not places. Place mentions are returned; the caller decides.
//   - A person resolves to the term covering the date (day precision; a month
//     counts as its 15th, a year as 1 July); where terms overlap, the senior
//     role wins (HOS, HOG, FM, DM, GOV). When no term covers the date, the
//     nearest term gives the code and the mention is marked Former. A zero
//     date takes the most recent term.
//   - A title's state and the person are separate mentions ("Presiden Kuba
//     Miguel Díaz-Canel" gives CUB twice); the caller merges adjacent
//     mentions of one code.
//
// Find allocates only for what it returns; AppendFind reuses a slice.
package actor
