package matrix

import "strings"

// The words the program model writes around values (headings, table
// headers, captions, "up to", units) in the languages the default theme
// has, so a German matrix reads in German. Values written as text and
// the words of requirement rows stay as written; the common periods of
// "per" (half-year, quarter, year, month) are translated.
var words = map[string]map[string]string{
	"de": {
		"Tiers at a glance": "Stufen im Überblick", "Region": "Region", "Tiers": "Stufen", "Designations": "Designations",
		"Tier": "Stufe", "Requirements": "Anforderungen", "Benefits": "Leistungen", "Benefit": "Leistung", "Value": "Wert",
		"All regions": "Alle Regionen", "Values by tier": "Werte je Stufe", "Included": "Enthalten", "Not included": "Nicht enthalten",
		"This table as data:": "Diese Tabelle als Daten:", "Check where you stand": "Prüfen Sie, wo Sie stehen",
		": enter your figures and see the tier you qualify for, in your browser.": ": Geben Sie Ihre Zahlen ein und sehen Sie in Ihrem Browser, für welche Stufe Sie sich qualifizieren.",
		": requirements and benefits by tier":                                     ": Anforderungen und Leistungen je Stufe", ": benefits by tier": ": Leistungen je Stufe",
		" in the ": " im ", " benefits": ": Leistungen", "minimum ": "mindestens ", "up to ": "bis zu ", " per ": " pro ",
		"hour": "Stunde", "hours": "Stunden", "day": "Tag", "days": "Tage", "month": "Monat", "months": "Monate", "Global": "Global",
		"half-year": "Halbjahr", "quarter": "Quartal", "year": "Jahr", "deal": "Deal", "seat": "Platz",
	},
	"ja": {
		"Tiers at a glance": "ティア一覧", "Region": "地域", "Tiers": "ティア", "Designations": "認定",
		"Tier": "ティア", "Requirements": "要件", "Benefits": "特典", "Benefit": "特典", "Value": "値",
		"All regions": "全地域", "Values by tier": "ティア別の値", "Included": "含まれる", "Not included": "含まれない",
		"This table as data:": "この表のデータ:", "Check where you stand": "現在の状況を確認",
		": enter your figures and see the tier you qualify for, in your browser.": ": 数値を入力すると、該当するティアがブラウザーで表示されます。",
		": requirements and benefits by tier":                                     ": ティア別の要件と特典", ": benefits by tier": ": ティア別の特典",
		" in the ": " – ", " benefits": " の特典", "minimum ": "最低 ", "up to ": "最大 ", " per ": " / ",
		"hour": "時間", "hours": "時間", "day": "日", "days": "日", "month": "か月", "months": "か月", "Global": "グローバル",
		"half-year": "半期", "quarter": "四半期", "year": "年", "deal": "案件", "seat": "席",
	},
}

// word is an English word of the matrices in lang (itself when there is
// no table for lang or no word for it).
func word(lang, en string) string {
	if w, ok := words[strings.SplitN(lang, "-", 2)[0]][en]; ok {
		return w
	}
	return en
}
