// Package csvsafe writes CSV that is safe to open in a spreadsheet. A
// cell that begins with =, +, -, @, a tab or a carriage return is read by
// Excel, LibreOffice and Google Sheets as a formula, so text from front
// matter could run commands or leak data when a partner opens an export
// (CSV injection). Such a cell gets a leading apostrophe, which the
// spreadsheets show as text, unless it is a plain number such as -5 or
// +1.5e3. Every CSV the project writes goes through this package.
package csvsafe
