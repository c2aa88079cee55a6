import Testing
import TideShell

@Suite struct ShellResultRendererTests {
    let result = ShellResult(columns: ["id", "name"], rows: [["1", "a"], ["22", nil]], tag: "SELECT 2")

    @Test func alignedTable() {
        #expect(
            ShellResultRenderer.render(result, expanded: false) == """
                id | name
                ---+-----
                1  | a   
                22 | NULL
                (2 rows)
                """)
    }

    @Test func expandedRowsAsPsqlPrintsThem() {
        #expect(
            ShellResultRenderer.render(result, expanded: true) == """
                -[ RECORD 1 ]
                id   | 1
                name | a
                -[ RECORD 2 ]
                id   | 22
                name | NULL
                """)
    }

    @Test func expandedRuleCrossesTheSeparatorWhenNamesAreWide() {
        let wide = ShellResult(
            columns: ["a_rather_long_column", "b"], rows: [["x", "a value that is long"]], tag: "SELECT 1")
        #expect(
            ShellResultRenderer.render(wide, expanded: true) == """
                -[ RECORD 1 ]--------+---------------------
                a_rather_long_column | x
                b                    | a value that is long
                """)
    }

    @Test func autoExpandsOnlyResultsWiderThanTheTerminal() {
        #expect(ShellResultRenderer.render(result, display: .auto, width: 80).hasPrefix("id | name"))
        #expect(ShellResultRenderer.render(result, display: .auto, width: 8).hasPrefix("-[ RECORD 1 ]"))
        #expect(ShellResultRenderer.render(result, display: .auto, width: nil).hasPrefix("id | name"))
    }

    @Test func expandedWithoutRows() {
        let empty = ShellResult(columns: ["a"], rows: [], tag: "SELECT 0")
        #expect(ShellResultRenderer.render(empty, expanded: true) == "(0 rows)")
        #expect(ShellResultRenderer.render(empty, expanded: false) == "a\n-\n(0 rows)")
    }

    @Test func commandsPrintTheirTagAfterNotices() {
        let command = ShellResult(columns: nil, tag: "INSERT 0 1", notices: ["WARNING: careful"])
        #expect(ShellResultRenderer.render(command, expanded: false) == "WARNING: careful\nINSERT 0 1")
    }

    @Test func lineBreaksInCellsKeepRowsOnOneLine() {
        let multiLine = ShellResult(columns: ["t"], rows: [["a\nb\tc"]], tag: "SELECT 1")
        #expect(ShellResultRenderer.render(multiLine, expanded: false) == "t    \n-----\na b c\n(1 row)")
    }
}
