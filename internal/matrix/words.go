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
		"About the program": "Über das Programm", "Required certifications": "Erforderliche Zertifizierungen", "Terms: ": "Bedingungen: ",
		", above.": ", siehe oben.", "Designation": "Designation", "Status": "Status", "Published by": "Herausgegeben von", "Online": "Online",
		"Contents": "Inhalt", "{0} program year": "Programmjahr ({0})", "Tier {0} of {1}": "Stufe {0} von {1}", "{0} guide": "{0}: Programmhandbuch",
		"Program guide": "Programmhandbuch", "Program actions": "Aktionen zum Programm", "Print or save as PDF": "Drucken oder als PDF speichern", "What changed in {0}": "Was sich in {0} geändert hat", ": the whole program as one document, to read, print or save as PDF.": ": das ganze Programm in einem Dokument, zum Lesen, Drucken oder Speichern als PDF.",
		"The {0} for {1} as one document to read or print: tiers, benefits and their terms, certifications.": "{0} für {1} in einem Dokument zum Lesen oder Drucken: Stufen, Leistungen und ihre Bedingungen, Zertifizierungen.",
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
		"About the program": "プログラムについて", "Required certifications": "必要な認定資格", "Terms: ": "規約: ",
		", above.": "（上記参照）", "Designation": "認定", "Status": "状態", "Published by": "発行", "Online": "オンライン",
		"Contents": "目次", "{0} program year": "プログラム年度（{0}）", "Tier {0} of {1}": "ティア {0} / {1}", "{0} guide": "{0} ガイド",
		"Program guide": "プログラムガイド", "Program actions": "プログラムの操作", "Print or save as PDF": "印刷またはPDFで保存", "What changed in {0}": "{0} の変更点", ": the whole program as one document, to read, print or save as PDF.": ": プログラム全体を1つの文書で閲覧、印刷、PDF保存できます。",
		"The {0} for {1} as one document to read or print: tiers, benefits and their terms, certifications.": "{1} の {0} を1つの文書で: ティア、特典と規約、認定資格。",
	},
}

// Word is an English phrase of the matrices and the program guide in
// lang, with {0}, {1}… filled in (the phrase itself when there is no table
// for lang or no entry for it).
func Word(lang, en string, args ...string) string {
	w := word(lang, en)
	for i, a := range args {
		w = strings.ReplaceAll(w, "{"+string(rune('0'+i))+"}", a)
	}
	return w
}

func word(lang, en string) string {
	if w, ok := words[strings.SplitN(lang, "-", 2)[0]][en]; ok {
		return w
	}
	return en
}
