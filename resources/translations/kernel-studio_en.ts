<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>ks::MainWindow</name>
    <message numerus="yes">
        <source>Opened %1 (%n step(s))</source>
        <translation>
            <numerusform>Opened %1 (%n step)</numerusform>
            <numerusform>Opened %1 (%n steps)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ks::PresetMenu</name>
    <message numerus="yes">
        <source>Imported %n preset(s)</source>
        <translation>
            <numerusform>Imported %n preset</numerusform>
            <numerusform>Imported %n presets</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Exported %n preset(s)</source>
        <translation>
            <numerusform>Exported %n preset</numerusform>
            <numerusform>Exported %n presets</numerusform>
        </translation>
    </message>
</context>
</TS>
