<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>AttendeePanel</name>
    <message numerus="yes">
        <source>More than %n people match: type more, or choose with ↑↓ and Enter</source>
        <translation>
            <numerusform>More than %n person matches: type more, or choose with ↑↓ and Enter</numerusform>
            <numerusform>More than %n people match: type more, or choose with ↑↓ and Enter</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n people match: type the row&apos;s number, or choose with ↑↓, then Enter</source>
        <translation>
            <numerusform>%n person matches: type the row&apos;s number, or choose with ↑↓, then Enter</numerusform>
            <numerusform>%n people match: type the row&apos;s number, or choose with ↑↓, then Enter</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n added to today&apos;s list.</source>
        <translation>
            <numerusform>%n person added to today&apos;s list.</numerusform>
            <numerusform>%n people added to today&apos;s list.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DiscardSessionDialog</name>
    <message numerus="yes">
        <source>%n people</source>
        <translation>
            <numerusform>%n person</numerusform>
            <numerusform>%n people</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>FollowUpScreen</name>
    <message numerus="yes">
        <source>missed %n in a row</source>
        <translation>
            <numerusform>missed %n time in a row</numerusform>
            <numerusform>missed %n in a row</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n places free</source>
        <translation>
            <numerusform>%n place free</numerusform>
            <numerusform>%n places free</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Missed %n sign-ups in a row</source>
        <translation>
            <numerusform>Missed %n sign-up in a row</numerusform>
            <numerusform>Missed %n sign-ups in a row</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>LessonPicker</name>
    <message numerus="yes">
        <source>%n steps</source>
        <translation>
            <numerusform>%n step</numerusform>
            <numerusform>%n steps</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PlannedList</name>
    <message numerus="yes">
        <source>%n waiting</source>
        <translation>
            <numerusform>%n waiting</numerusform>
            <numerusform>%n waiting</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PreviewDialog</name>
    <message numerus="yes">
        <source>%n page(s) to print</source>
        <translation>
            <numerusform>%n page to print</numerusform>
            <numerusform>%n pages to print</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PrintRunDialog</name>
    <message numerus="yes">
        <source>One for everybody who came: %n named or counted</source>
        <translation>
            <numerusform>One for everybody who came: %n named or counted</numerusform>
            <numerusform>One for everybody who came: %n named or counted</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>A progress sheet for each resident named today (%n)</source>
        <translation>
            <numerusform>A progress sheet for each resident named today (%n)</numerusform>
            <numerusform>A progress sheet for each resident named today (%n)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n page(s)</source>
        <translation>
            <numerusform>%n page</numerusform>
            <numerusform>%n pages</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n sheet(s) of paper</source>
        <translation>
            <numerusform>%n sheet of paper</numerusform>
            <numerusform>%n sheets of paper</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ResidentFinder</name>
    <message numerus="yes">
        <source>%n found</source>
        <translation>
            <numerusform>%n found</numerusform>
            <numerusform>%n found</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n residents</source>
        <translation>
            <numerusform>%n resident</numerusform>
            <numerusform>%n residents</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SessionsDialog</name>
    <message numerus="yes">
        <source>%n session(s)</source>
        <translation>
            <numerusform>%n session</numerusform>
            <numerusform>%n sessions</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n people</source>
        <translation>
            <numerusform>%n person</numerusform>
            <numerusform>%n people</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SignupsDialog</name>
    <message numerus="yes">
        <source>Waiting list: %n</source>
        <translation>
            <numerusform>Waiting list: %n</numerusform>
            <numerusform>Waiting list: %n</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n places free.</source>
        <translation>
            <numerusform>%n place free.</numerusform>
            <numerusform>%n places free.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n people match: choose with ↑↓, then Enter</source>
        <translation>
            <numerusform>%n person matches: choose with ↑↓, then Enter</numerusform>
            <numerusform>%n people match: choose with ↑↓, then Enter</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Signed up for %n dates of the series.</source>
        <translation>
            <numerusform>Signed up for %n date of the series.</numerusform>
            <numerusform>Signed up for %n dates of the series.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TodayScreen</name>
    <message numerus="yes">
        <source>%n people</source>
        <translation>
            <numerusform>%n person</numerusform>
            <numerusform>%n people</numerusform>
        </translation>
    </message>
</context>
</TS>
