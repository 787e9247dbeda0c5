<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>ks::Clipboard</name>
    <message>
        <source>Nothing copied: the render failed: %1</source>
        <translation>Nichts kopiert: die Berechnung ist fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Nothing to copy: no image is open</source>
        <translation>Nichts zu kopieren: kein Bild ist geöffnet</translation>
    </message>
    <message>
        <source>The result is copied when its render is done…</source>
        <translation>Das Ergebnis wird kopiert, sobald es berechnet ist…</translation>
    </message>
    <message>
        <source>Copied the result (%1 × %2 px) to the clipboard</source>
        <translation>Ergebnis (%1 × %2 px) in die Zwischenablage kopiert</translation>
    </message>
    <message>
        <source>Nothing to paste: the clipboard holds no image</source>
        <translation>Nichts einzufügen: die Zwischenablage enthält kein Bild</translation>
    </message>
    <message>
        <source>Pasted image</source>
        <translation>Eingefügtes Bild</translation>
    </message>
</context>
<context>
    <name>ks::CompareView</name>
    <message>
        <source>Image comparison</source>
        <translation>Bildvergleich</translation>
    </message>
    <message>
        <source>The original image and the filtered result. Wheel or +/- to zoom, double click for 100 % or fit, drag or arrow keys to pan, hold Backslash to see the original in place of the result. R switches the region tool: drag to limit the filter to a rectangle, drag its handles to change it, Escape removes it.</source>
        <translation>Das Originalbild und das gefilterte Ergebnis. Mausrad oder +/- zoomt, Doppelklick für 100 % oder Einpassen, Ziehen oder Pfeiltasten verschieben, Backslash gedrückt halten zeigt das Original anstelle des Ergebnisses. R schaltet das Bereichswerkzeug: Ziehen begrenzt den Filter auf ein Rechteck, seine Griffe ändern es, Escape entfernt es.</translation>
    </message>
    <message>
        <source>Original image</source>
        <translation>Originalbild</translation>
    </message>
    <message>
        <source>The image as opened, before filtering</source>
        <translation>Das Bild wie geöffnet, vor dem Filtern</translation>
    </message>
    <message>
        <source>Filtered result</source>
        <translation>Gefiltertes Ergebnis</translation>
    </message>
    <message>
        <source>The image after filtering, zoomed and panned together with the original</source>
        <translation>Das Bild nach dem Filtern, zusammen mit dem Original gezoomt und verschoben</translation>
    </message>
    <message>
        <source>Split comparison</source>
        <translation>Geteilter Vergleich</translation>
    </message>
    <message>
        <source>The original left of the divider and the result right of it; drag the divider</source>
        <translation>Das Original links der Trennlinie, das Ergebnis rechts davon; die Trennlinie lässt sich ziehen</translation>
    </message>
    <message>
        <source>Difference image</source>
        <translation>Differenzbild</translation>
    </message>
    <message>
        <source>The absolute difference between result and original, amplified %1 times</source>
        <translation>Der Betrag der Differenz zwischen Ergebnis und Original, %1-fach verstärkt</translation>
    </message>
    <message>
        <source>Original and result</source>
        <translation>Original und Ergebnis</translation>
    </message>
    <message>
        <source>Drag the handle to share the width between original and result</source>
        <translation>Den Griff ziehen, um die Breite zwischen Original und Ergebnis aufzuteilen</translation>
    </message>
    <message>
        <source>Original</source>
        <translation>Original</translation>
    </message>
    <message>
        <source>Full resolution</source>
        <translation>Volle Auflösung</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>Vorschau</translation>
    </message>
    <message>
        <source>Open an image to compare it with its filtered result</source>
        <translation>Öffnen Sie ein Bild, um es mit seinem gefilterten Ergebnis zu vergleichen</translation>
    </message>
    <message>
        <source>No result yet</source>
        <translation>Noch kein Ergebnis</translation>
    </message>
    <message>
        <source>Difference ×%1</source>
        <translation>Differenz ×%1</translation>
    </message>
    <message>
        <source>Render failed</source>
        <translation>Berechnung fehlgeschlagen</translation>
    </message>
    <message>
        <source>Preview, exact in view</source>
        <translation>Vorschau, exakt im Ausschnitt</translation>
    </message>
    <message>
        <source>Render failed: %1</source>
        <translation>Berechnung fehlgeschlagen: %1</translation>
    </message>
</context>
<context>
    <name>ks::Exporter</name>
    <message>
        <source>Cannot render the result</source>
        <translation>Das Ergebnis kann nicht berechnet werden</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>Export fehlgeschlagen</translation>
    </message>
    <message>
        <source>Overwrite the original?</source>
        <translation>Original überschreiben?</translation>
    </message>
    <message>
        <source>%1 is the file you opened. Replace the original with the filtered result?</source>
        <translation>%1 ist die geöffnete Datei. Das Original durch das gefilterte Ergebnis ersetzen?</translation>
    </message>
    <message>
        <source>Exported %1</source>
        <translation>%1 exportiert</translation>
    </message>
    <message>
        <source>Export cancelled</source>
        <translation>Export abgebrochen</translation>
    </message>
    <message>
        <source>Export Result</source>
        <translation>Ergebnis exportieren</translation>
    </message>
    <message>
        <source>Keep metadata (EXIF, IPTC, XMP) of the original</source>
        <translation>Metadaten (EXIF, IPTC, XMP) des Originals behalten</translation>
    </message>
    <message>
        <source>Export Quality</source>
        <translation>Exportqualität</translation>
    </message>
    <message>
        <source>Quality (0–100):</source>
        <translation>Qualität (0–100):</translation>
    </message>
    <message>
        <source>Export Each Filter Into</source>
        <translation>Jeden Filter exportieren nach</translation>
    </message>
    <message>
        <source>Export Each Filter failed</source>
        <translation>Jeden Filter exportieren fehlgeschlagen</translation>
    </message>
    <message>
        <source>Wrote %1 files to %2</source>
        <translation>%1 Dateien nach %2 geschrieben</translation>
    </message>
</context>
<context>
    <name>ks::FilterDeclaration</name>
    <message>
        <source>Opacity</source>
        <translation>Deckkraft</translation>
    </message>
    <message>
        <source>Stack opacity</source>
        <translation>Deckkraft des Stapels</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <source>Spatial factor</source>
        <translation>Räumlicher Faktor</translation>
    </message>
    <message>
        <source>Spatial power</source>
        <translation>Räumliche Potenz</translation>
    </message>
    <message>
        <source>Colour factor</source>
        <translation>Farbfaktor</translation>
    </message>
    <message>
        <source>Colour power</source>
        <translation>Farbpotenz</translation>
    </message>
    <message>
        <source>Bilateral smoothing</source>
        <translation>Bilaterale Glättung</translation>
    </message>
    <message>
        <source>smooths and keeps edges: Σ w·p / Σ w over the window with w = exp(−½ (d / spatial-factor)^spatial-power) · exp(−½ (c / color-factor)^color-power), d the distance in pixels and c the Euclidean RGB distance from the centre pixel in 8-bit levels. Powers of 2 make both Gaussians; the factors are then their sigmas</source>
        <translation>glättet und erhält Kanten: Σ w·p / Σ w über das Fenster mit w = exp(−½ (d / spatial-factor)^spatial-power) · exp(−½ (c / color-factor)^color-power), d der Abstand in Pixeln und c der euklidische RGB-Abstand zum Mittelpixel in 8-Bit-Stufen. Mit Potenzen von 2 sind beide Gauß-Funktionen; die Faktoren sind dann ihre Sigmas</translation>
    </message>
    <message>
        <source>Box blur</source>
        <translation>Box-Weichzeichner</translation>
    </message>
    <message>
        <source>every weight 1/size² (even sizes allowed)</source>
        <translation>jedes Gewicht 1/Größe² (gerade Größen erlaubt)</translation>
    </message>
    <message>
        <source>Sigma</source>
        <translation>Sigma</translation>
    </message>
    <message>
        <source>Length</source>
        <translation>Länge</translation>
    </message>
    <message>
        <source>Angle</source>
        <translation>Winkel</translation>
    </message>
    <message>
        <source>Kernel</source>
        <translation>Kernel</translation>
    </message>
    <message>
        <source>Factor</source>
        <translation>Faktor</translation>
    </message>
    <message>
        <source>Bias</source>
        <translation>Versatz</translation>
    </message>
    <message>
        <source>Custom kernel</source>
        <translation>Eigener Kernel</translation>
    </message>
    <message>
        <source>any W×H kernel, 1–1001 per side, in ImageMagick&apos;s text form: &quot;3x3: 0,-1,0,-1,5,-1,0,-1,0&quot;, &quot;3: ...&quot; for square, &quot;5x3+0+1: ...&quot; with an explicit anchor</source>
        <translation>ein beliebiger B×H-Kernel, 1–1001 je Seite, in der Textform von ImageMagick: &quot;3x3: 0,-1,0,-1,5,-1,0,-1,0&quot;, &quot;3: ...&quot; für quadratische, &quot;5x3+0+1: ...&quot; mit ausdrücklichem Ankerpunkt</translation>
    </message>
    <message>
        <source>Gaussian 5x5 (binomial)</source>
        <translation>Gauß 5×5 (binomial)</translation>
    </message>
    <message>
        <source>[1 4 6 4 1]ᵀ[1 4 6 4 1] with factor 1/256: the 5×5 Gaussian approximation, exact in integer arithmetic</source>
        <translation>[1 4 6 4 1]ᵀ[1 4 6 4 1] mit Faktor 1/256: die 5×5-Näherung der Gauß-Funktion, exakt in Ganzzahlarithmetik</translation>
    </message>
    <message>
        <source>Sharpen 3x3</source>
        <translation>Schärfen 3×3</translation>
    </message>
    <message>
        <source>[0 −1 0; −1 5 −1; 0 −1 0]</source>
        <translation>[0 −1 0; −1 5 −1; 0 −1 0]</translation>
    </message>
    <message>
        <source>Sharpen 5x5</source>
        <translation>Schärfen 5×5</translation>
    </message>
    <message>
        <source>[−1 −1 −1 −1 −1; −1 2 2 2 −1; −1 2 8 2 −1; −1 2 2 2 −1; −1 −1 −1 −1 −1] with factor 1/8</source>
        <translation>[−1 −1 −1 −1 −1; −1 2 2 2 −1; −1 2 8 2 −1; −1 2 2 2 −1; −1 −1 −1 −1 −1] mit Faktor 1/8</translation>
    </message>
    <message>
        <source>Emboss 3x3</source>
        <translation>Relief 3×3</translation>
    </message>
    <message>
        <source>[−2 −1 0; −1 1 1; 0 1 2]</source>
        <translation>[−2 −1 0; −1 1 1; 0 1 2]</translation>
    </message>
    <message>
        <source>Emboss 5x5</source>
        <translation>Relief 5×5</translation>
    </message>
    <message>
        <source>[−1 −1 −1 −1 0; −1 −1 −1 0 1; −1 −1 1 1 1; −1 0 1 1 1; 0 1 1 1 1] (sum 1)</source>
        <translation>[−1 −1 −1 −1 0; −1 −1 −1 0 1; −1 −1 1 1 1; −1 0 1 1 1; 0 1 1 1 1] (Summe 1)</translation>
    </message>
    <message>
        <source>Edges (Laplacian, 4 neighbours)</source>
        <translation>Kanten (Laplace, 4 Nachbarn)</translation>
    </message>
    <message>
        <source>[0 −1 0; −1 4 −1; 0 −1 0]</source>
        <translation>[0 −1 0; −1 4 −1; 0 −1 0]</translation>
    </message>
    <message>
        <source>Edges (Laplacian, 8 neighbours)</source>
        <translation>Kanten (Laplace, 8 Nachbarn)</translation>
    </message>
    <message>
        <source>[−1 −1 −1; −1 8 −1; −1 −1 −1]</source>
        <translation>[−1 −1 −1; −1 8 −1; −1 −1 −1]</translation>
    </message>
    <message>
        <source>Edges (Sobel x)</source>
        <translation>Kanten (Sobel x)</translation>
    </message>
    <message>
        <source>[−1 0 1; −2 0 2; −1 0 1]</source>
        <translation>[−1 0 1; −2 0 2; −1 0 1]</translation>
    </message>
    <message>
        <source>Edges (Sobel y)</source>
        <translation>Kanten (Sobel y)</translation>
    </message>
    <message>
        <source>[−1 −2 −1; 0 0 0; 1 2 1]</source>
        <translation>[−1 −2 −1; 0 0 0; 1 2 1]</translation>
    </message>
    <message>
        <source>Identity</source>
        <translation>Identität</translation>
    </message>
    <message>
        <source>[1]: leaves the image as it is</source>
        <translation>[1]: lässt das Bild, wie es ist</translation>
    </message>
    <message>
        <source>Sigma Y</source>
        <translation>Sigma Y</translation>
    </message>
    <message>
        <source>same as sigma</source>
        <translation>wie Sigma</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Stärke</translation>
    </message>
    <message>
        <source>Gaussian blur</source>
        <translation>Gaußscher Weichzeichner</translation>
    </message>
    <message>
        <source>w(x, y) = exp(−(x² + y²) / 2σ²) sampled on the size × size grid, normalised to sum 1; size 0 means 2·ceil(3σ) + 1. sigma-y blurs vertically by another sigma (sigma is then the horizontal one; size 0 follows the larger). Runs as two 1-D passes, or from sigma 6 as a recursive Gaussian whose cost does not grow with sigma</source>
        <translation>w(x, y) = exp(−(x² + y²) / 2σ²), abgetastet auf dem Raster Größe × Größe, auf Summe 1 normiert; Größe 0 bedeutet 2·ceil(3σ) + 1. sigma-y zeichnet senkrecht mit einem anderen Sigma weich (sigma ist dann das waagrechte; Größe 0 folgt dem größeren). Läuft als zwei 1-D-Durchgänge oder ab Sigma 6 als rekursiver Gauß, dessen Aufwand nicht mit Sigma wächst</translation>
    </message>
    <message>
        <source>Gaussian sharpen</source>
        <translation>Gaußsches Schärfen</translation>
    </message>
    <message>
        <source>unsharp mask as one kernel: (1 + amount)·δ − amount·gaussian(size, sigma)</source>
        <translation>Unscharfmaskierung als ein Kernel: (1 + amount)·δ − amount·gaussian(size, sigma)</translation>
    </message>
    <message>
        <source>Median</source>
        <translation>Median</translation>
    </message>
    <message>
        <source>the median of the size × size window, per channel, on the stored values (exact; sizes 3 and 5 by a vectorised min/max network, larger ones by a constant-time sliding histogram, so size 101 costs about what size 7 does); removes speckle noise. alpha=ignore keeps alpha; linear light cannot change a median</source>
        <translation>der Median des Fensters Größe × Größe, je Kanal, auf den gespeicherten Werten (exakt; Größen 3 und 5 über ein vektorisiertes Min/Max-Netz, größere über ein gleitendes Histogramm mit konstantem Aufwand, sodass Größe 101 etwa so viel kostet wie Größe 7); entfernt Fleckenrauschen. alpha=ignore behält Alpha; lineares Licht kann einen Median nicht ändern</translation>
    </message>
    <message>
        <source>Motion blur</source>
        <translation>Bewegungsunschärfe</translation>
    </message>
    <message>
        <source>an anti-aliased line through the centre spanning the kernel (45° reaches the corners); a cell weighs (1 − its distance from the line) × (1 − how far the foot of that distance falls beyond the kernel&apos;s square), normalised to sum 1. Angles turn from +x towards +y, clockwise on screen: 0° is horizontal, 90° vertical, 45° top left to bottom right</source>
        <translation>eine geglättete Linie durch die Mitte über den ganzen Kernel (45° erreicht die Ecken); eine Zelle wiegt (1 − ihr Abstand von der Linie) × (1 − wie weit der Fußpunkt dieses Abstands über das Quadrat des Kernels hinausfällt), auf Summe 1 normiert. Winkel drehen von +x nach +y, auf dem Bildschirm im Uhrzeigersinn: 0° ist waagrecht, 90° senkrecht, 45° von oben links nach unten rechts</translation>
    </message>
    <message>
        <source>Radius</source>
        <translation>Radius</translation>
    </message>
    <message>
        <source>Threshold</source>
        <translation>Schwelle</translation>
    </message>
    <message>
        <source>Unsharp mask</source>
        <translation>Unscharf maskieren</translation>
    </message>
    <message>
        <source>as GIMP and ImageMagick: original + amount * (original - gaussian(radius)) where that difference reaches threshold levels, per channel; alpha kept</source>
        <translation>wie GIMP und ImageMagick: Original + amount * (Original − gaussian(radius)), wo dieser Unterschied threshold Stufen erreicht, je Kanal; Alpha bleibt</translation>
    </message>
    <message>
        <source>SNR</source>
        <translation>SNR</translation>
    </message>
    <message>
        <source>Brightness</source>
        <translation>Helligkeit</translation>
    </message>
    <message>
        <source>Grayscale</source>
        <translation>Graustufen</translation>
    </message>
    <message>
        <source>Imaginary part</source>
        <translation>Imaginärteil</translation>
    </message>
    <message>
        <source>Deconvolution (Wiener)</source>
        <translation>Entfaltung (Wiener)</translation>
    </message>
    <message>
        <source>Wiener deconvolution: undoes a blur by the kernel (normalised to sum 1; complex when an imaginary part of the same size is given, as the reference&apos;s to_complex). F = brightness · G · H̄ / (|H|² + snr) per colour channel; snr is the noise-to-signal ratio (0.002–0.009 suits most 8-bit images: lower restores more and rings more); grayscale deconvolves luma only and keeps each pixel&apos;s chroma. Runs on FFTW3 with the image padded per border mode</source>
        <translation>Wiener-Entfaltung: macht eine Unschärfe durch den Kernel rückgängig (auf Summe 1 normiert; komplex, wenn ein Imaginärteil gleicher Größe angegeben ist, wie to_complex der Vorlage). F = brightness · G · H̄ / (|H|² + snr) je Farbkanal; snr ist das Rausch-Signal-Verhältnis (0,002–0,009 passt zu den meisten 8-Bit-Bildern: kleiner stellt mehr wieder her und schwingt stärker über); grayscale entfaltet nur die Luma und behält die Chroma jedes Pixels. Läuft mit FFTW3, das Bild je Randmodus aufgefüllt</translation>
    </message>
    <message>
        <source>Gaussian deconvolution (Gauss-Wiener)</source>
        <translation>Gauß-Entfaltung (Gauss-Wiener)</translation>
    </message>
    <message>
        <source>deconvolution of gaussian(size, sigma)</source>
        <translation>Entfaltung von gaussian(size, sigma)</translation>
    </message>
    <message>
        <source>Motion deconvolution (Motion-Wiener)</source>
        <translation>Bewegungs-Entfaltung (Motion-Wiener)</translation>
    </message>
    <message>
        <source>deconvolution of a motion streak: the motion line of that length and angle with a Gaussian cross-section of sigma</source>
        <translation>Entfaltung einer Bewegungsspur: die Bewegungslinie dieser Länge und dieses Winkels mit gaußförmigem Querschnitt der Breite sigma</translation>
    </message>
    <message>
        <source>from sigma</source>
        <translation>aus Sigma</translation>
    </message>
</context>
<context>
    <name>ks::FilterPanel</name>
    <message>
        <source>Clamp (repeat edge)</source>
        <translation>Begrenzen (Rand wiederholen)</translation>
    </message>
    <message>
        <source>Reflect</source>
        <translation>Spiegeln</translation>
    </message>
    <message>
        <source>Wrap (tile)</source>
        <translation>Umbrechen (kacheln)</translation>
    </message>
    <message>
        <source>Transparent</source>
        <translation>Transparent</translation>
    </message>
    <message>
        <source>Leave border unfiltered</source>
        <translation>Rand ungefiltert lassen</translation>
    </message>
    <message>
        <source>Premultiplied (no fringes)</source>
        <translation>Vormultipliziert (ohne Säume)</translation>
    </message>
    <message>
        <source>Straight</source>
        <translation>Gerade</translation>
    </message>
    <message>
        <source>Keep alpha unchanged</source>
        <translation>Alpha unverändert lassen</translation>
    </message>
    <message>
        <source>Filter</source>
        <translation>Filter</translation>
    </message>
    <message>
        <source>Border mode</source>
        <translation>Randmodus</translation>
    </message>
    <message>
        <source>How pixels outside the image are read</source>
        <translation>Wie Pixel außerhalb des Bildes gelesen werden</translation>
    </message>
    <message>
        <source>Alpha mode</source>
        <translation>Alphamodus</translation>
    </message>
    <message>
        <source>How colour and transparency are filtered together</source>
        <translation>Wie Farbe und Transparenz gemeinsam gefiltert werden</translation>
    </message>
    <message>
        <source>Filter in &amp;linear light</source>
        <translation>In &amp;linearem Licht filtern</translation>
    </message>
    <message>
        <source>Linear light</source>
        <translation>Lineares Licht</translation>
    </message>
    <message>
        <source>Convert sRGB to linear light before filtering and back after</source>
        <translation>Vor dem Filtern in lineares Licht umrechnen und danach zurück</translation>
    </message>
    <message>
        <source>&amp;Filter:</source>
        <translation>&amp;Filter:</translation>
    </message>
    <message>
        <source>&amp;Border:</source>
        <translation>&amp;Rand:</translation>
    </message>
    <message>
        <source>&amp;Alpha:</source>
        <translation>&amp;Alpha:</translation>
    </message>
    <message>
        <source>Edit the kernel, its factor and bias in the Kernel panel.</source>
        <translation>Kernel, Faktor und Versatz im Kernel-Bereich bearbeiten.</translation>
    </message>
    <message>
        <source>This filter has no parameters; its kernel is in the Kernel panel.</source>
        <translation>Dieser Filter hat keine Parameter; sein Kernel steht im Kernel-Bereich.</translation>
    </message>
    <message>
        <source>%1 as ImageMagick text of the kernel&apos;s size; empty for none</source>
        <translation>%1 als ImageMagick-Text in der Größe des Kernels; leer für keinen</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keiner</translation>
    </message>
    <message>
        <source>Not used: %1</source>
        <translation>Nicht verwendet: %1</translation>
    </message>
    <message>
        <source>How much of the step&apos;s result to keep; the rest is its input</source>
        <translation>Wie viel vom Ergebnis des Schritts bleibt; der Rest ist seine Eingabe</translation>
    </message>
    <message>
        <source>Red</source>
        <translation>Rot</translation>
    </message>
    <message>
        <source>Green</source>
        <translation>Grün</translation>
    </message>
    <message>
        <source>Blue</source>
        <translation>Blau</translation>
    </message>
    <message>
        <source>Alpha</source>
        <translation>Alpha</translation>
    </message>
    <message>
        <source>%1 channel</source>
        <translation>Kanal %1</translation>
    </message>
    <message>
        <source>Filter the %1 channel</source>
        <translation>Kanal „%1“ filtern</translation>
    </message>
    <message>
        <source>&amp;Opacity:</source>
        <translation>&amp;Deckkraft:</translation>
    </message>
    <message>
        <source>C&amp;hannels:</source>
        <translation>&amp;Kanäle:</translation>
    </message>
</context>
<context>
    <name>ks::HistogramDock</name>
    <message>
        <source>Histogram</source>
        <translation>Histogramm</translation>
    </message>
    <message>
        <source>Histogram channel</source>
        <translation>Histogrammkanal</translation>
    </message>
    <message>
        <source>Luminance</source>
        <translation>Luminanz</translation>
    </message>
    <message>
        <source>Red</source>
        <translation>Rot</translation>
    </message>
    <message>
        <source>Green</source>
        <translation>Grün</translation>
    </message>
    <message>
        <source>Blue</source>
        <translation>Blau</translation>
    </message>
    <message>
        <source>Alpha</source>
        <translation>Alpha</translation>
    </message>
    <message>
        <source>&amp;Log scale</source>
        <translation>&amp;Logarithmische Skala</translation>
    </message>
    <message>
        <source>Log scale</source>
        <translation>Logarithmische Skala</translation>
    </message>
    <message>
        <source>Grey area: the original; line: the result; each as a share of its pixels, dark to light</source>
        <translation>Graue Fläche: das Original; Linie: das Ergebnis; jeweils als Anteil seiner Pixel, von dunkel nach hell</translation>
    </message>
    <message>
        <source>Histogram summary</source>
        <translation>Histogramm-Zusammenfassung</translation>
    </message>
    <message>
        <source>%1 mean: original %2, result %3</source>
        <translation>%1 Mittelwert: Original %2, Ergebnis %3</translation>
    </message>
</context>
<context>
    <name>ks::HistogramPlot</name>
    <message>
        <source>Histogram</source>
        <translation>Histogramm</translation>
    </message>
    <message>
        <source>Original</source>
        <translation>Original</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Ergebnis</translation>
    </message>
</context>
<context>
    <name>ks::ImagePane</name>
    <message>
        <source>Rendering…</source>
        <translation>Wird berechnet …</translation>
    </message>
</context>
<context>
    <name>ks::KernelGridEditor</name>
    <message>
        <source>Kernel</source>
        <translation>Kernel</translation>
    </message>
    <message>
        <source>Kernel width</source>
        <translation>Kernelbreite</translation>
    </message>
    <message>
        <source>Columns, 1 to %1; resizing keeps the values centred</source>
        <translation>Spalten, 1 bis %1; beim Ändern der Größe bleiben die Werte zentriert</translation>
    </message>
    <message>
        <source>Kernel height</source>
        <translation>Kernelhöhe</translation>
    </message>
    <message>
        <source>Rows, 1 to %1; resizing keeps the values centred</source>
        <translation>Zeilen, 1 bis %1; beim Ändern der Größe bleiben die Werte zentriert</translation>
    </message>
    <message>
        <source>Kernel factor</source>
        <translation>Kernelfaktor</translation>
    </message>
    <message>
        <source>Multiplies the weighted sum, e.g. 1/16; applied before the bias</source>
        <translation>Multipliziert die gewichtete Summe, z. B. 1/16; wird vor dem Versatz angewendet</translation>
    </message>
    <message>
        <source>Kernel bias</source>
        <translation>Kernelversatz</translation>
    </message>
    <message>
        <source>Added after the factor, in 8-bit units (0 to 255), e.g. 128 for emboss</source>
        <translation>Wird nach dem Faktor addiert, in 8-Bit-Einheiten (0 bis 255), z. B. 128 für Prägen</translation>
    </message>
    <message>
        <source>&amp;Width</source>
        <translation>&amp;Breite</translation>
    </message>
    <message>
        <source>&amp;Height</source>
        <translation>&amp;Höhe</translation>
    </message>
    <message>
        <source>&amp;Factor</source>
        <translation>&amp;Faktor</translation>
    </message>
    <message>
        <source>&amp;Bias</source>
        <translation>&amp;Versatz</translation>
    </message>
    <message>
        <source>Kernel weights</source>
        <translation>Kernelgewichte</translation>
    </message>
    <message>
        <source>Kernel summary</source>
        <translation>Kernelübersicht</translation>
    </message>
    <message>
        <source>What the kernel means</source>
        <translation>Was der Kernel bedeutet</translation>
    </message>
    <message>
        <source>Kernel error</source>
        <translation>Kernelfehler</translation>
    </message>
    <message>
        <source>&amp;Normalise</source>
        <translation>&amp;Normieren</translation>
    </message>
    <message>
        <source>Scale the weights so they sum to 1 and set the factor to 1</source>
        <translation>Die Gewichte so skalieren, dass ihre Summe 1 ist, und den Faktor auf 1 setzen</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>&amp;Kopieren</translation>
    </message>
    <message>
        <source>Copy the kernel to the clipboard as ImageMagick text (WxH: v,v,...)</source>
        <translation>Den Kernel als ImageMagick-Text (BxH: w,w,...) in die Zwischenablage kopieren</translation>
    </message>
    <message>
        <source>&amp;Paste</source>
        <translation>&amp;Einfügen</translation>
    </message>
    <message>
        <source>Replace the kernel with ImageMagick kernel text from the clipboard (up to %1x%1; factor 1, bias 0)</source>
        <translation>Den Kernel durch ImageMagick-Kerneltext aus der Zwischenablage ersetzen (bis %1x%1; Faktor 1, Versatz 0)</translation>
    </message>
    <message>
        <source>&amp;Edit as Custom</source>
        <translation>Als &amp;eigenen Kernel bearbeiten</translation>
    </message>
    <message>
        <source>This filter normalises its kernel to sum 1: factor and bias do not apply</source>
        <translation>Dieser Filter normiert seinen Kernel auf die Summe 1: Faktor und Versatz gelten nicht</translation>
    </message>
    <message>
        <source>Type a number or a fraction such as 1/16 into a cell; Enter or Tab moves to the next cell</source>
        <translation>Eine Zahl oder einen Bruch wie 1/16 in eine Zelle eingeben; Eingabe oder Tab springt zur nächsten Zelle</translation>
    </message>
    <message>
        <source>Read only; use Edit as Custom to change this kernel</source>
        <translation>Nur lesbar; mit „Als eigenen Kernel bearbeiten“ lässt sich dieser Kernel ändern</translation>
    </message>
    <message>
        <source>%1×%2 · sum %3 · effective sum %4
factor %5 · bias %6 · %7</source>
        <translation>%1×%2 · Summe %3 · wirksame Summe %4
Faktor %5 · Versatz %6 · %7</translation>
    </message>
    <message>
        <source>Separable (rank 1)</source>
        <translation>Separierbar (Rang 1)</translation>
    </message>
    <message>
        <source>Not separable</source>
        <translation>Nicht separierbar</translation>
    </message>
    <message>
        <source>The weights sum to 0 (as in edge detectors and embosses), so they cannot be scaled to sum to 1</source>
        <translation>Die Gewichte ergeben zusammen 0 (wie bei Kantendetektoren und Prägefiltern), daher lassen sie sich nicht auf die Summe 1 skalieren</translation>
    </message>
    <message>
        <source>Factor: &apos;%1&apos; is not a finite number — kept %2</source>
        <translation>Faktor: „%1“ ist keine endliche Zahl – %2 beibehalten</translation>
    </message>
    <message>
        <source>Bias: &apos;%1&apos; is not a finite number — kept %2</source>
        <translation>Versatz: „%1“ ist keine endliche Zahl – %2 beibehalten</translation>
    </message>
    <message>
        <source>Normalise: the weights sum to 0, so they cannot be scaled to sum to 1</source>
        <translation>Normieren: Die Gewichte ergeben zusammen 0, daher lassen sie sich nicht auf die Summe 1 skalieren</translation>
    </message>
    <message>
        <source>Paste refused: the clipboard holds no text</source>
        <translation>Einfügen abgelehnt: Die Zwischenablage enthält keinen Text</translation>
    </message>
    <message>
        <source>Paste refused: %1</source>
        <translation>Einfügen abgelehnt: %1</translation>
    </message>
    <message>
        <source>Paste refused: the kernel is %1x%2; the grid edits kernels up to %3x%3</source>
        <translation>Einfügen abgelehnt: Der Kernel ist %1x%2 groß; das Raster bearbeitet Kernel bis %3x%3</translation>
    </message>
    <message>
        <source>Paste refused: the kernel holds a value that is not a finite number</source>
        <translation>Einfügen abgelehnt: Der Kernel enthält einen Wert, der keine endliche Zahl ist</translation>
    </message>
    <message>
        <source>Copy this kernel into the custom filter and edit it there (up to %1x%1)</source>
        <translation>Diesen Kernel in den eigenen Filter kopieren und dort bearbeiten (bis %1x%1)</translation>
    </message>
    <message>
        <source>%1: %2 is not a size the grid edits (1 to %3) — kept %4</source>
        <translation>%1: %2 ist keine Größe, die das Raster bearbeitet (1 bis %3) – %4 beibehalten</translation>
    </message>
    <message>
        <source>Width</source>
        <translation>Breite</translation>
    </message>
    <message>
        <source>Height</source>
        <translation>Höhe</translation>
    </message>
    <message>
        <source>Edit as Custom refused: the kernel is %1x%2; the grid edits kernels up to %3x%3. Copy puts it on the clipboard as text (a recipe can hold it)</source>
        <translation>Als eigenen Kernel bearbeiten abgelehnt: Der Kernel ist %1x%2 groß; das Raster bearbeitet Kernel bis %3x%3. Kopieren legt ihn als Text in die Zwischenablage (ein Rezept kann ihn aufnehmen)</translation>
    </message>
</context>
<context>
    <name>ks::KernelGridView</name>
    <message>
        <source>%1 columns × %2 rows: more than %3 cells, so they are not listed one by one; Copy puts every weight on the clipboard as text</source>
        <translation>%1 Spalten × %2 Zeilen: mehr als %3 Zellen, daher nicht einzeln aufgeführt; Kopieren legt alle Gewichte als Text in die Zwischenablage</translation>
    </message>
</context>
<context>
    <name>ks::MainWindow</name>
    <message>
        <source>Kernel Studio</source>
        <translation>Kernel Studio</translation>
    </message>
    <message>
        <source>Cannot read your presets</source>
        <translation>Ihre Vorgaben können nicht gelesen werden</translation>
    </message>
    <message>
        <source>Render failed: %1</source>
        <translation>Berechnung fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Opening %1…</source>
        <translation>%1 wird geöffnet …</translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation>Wird exportiert …</translation>
    </message>
    <message>
        <source>Stack</source>
        <translation>Stapel</translation>
    </message>
    <message>
        <source>SVG scale</source>
        <translation>SVG-Maßstab</translation>
    </message>
    <message>
        <source>Rasterisation scale of the SVG; 1 is its own size</source>
        <translation>Rastermaßstab des SVG; 1 ist seine eigene Größe</translation>
    </message>
    <message>
        <source>S&amp;VG scale:</source>
        <translation>S&amp;VG-Maßstab:</translation>
    </message>
    <message>
        <source>Filter</source>
        <translation>Filter</translation>
    </message>
    <message>
        <source>Kernel</source>
        <translation>Kernel</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;Open…</source>
        <translation>Ö&amp;ffnen …</translation>
    </message>
    <message>
        <source>Open a PNG, SVG or other image</source>
        <translation>Ein PNG, SVG oder anderes Bild öffnen</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>&amp;Zuletzt geöffnet</translation>
    </message>
    <message>
        <source>Re&amp;load</source>
        <translation>Neu &amp;laden</translation>
    </message>
    <message>
        <source>Read the open file again from disk</source>
        <translation>Die geöffnete Datei erneut von der Festplatte lesen</translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation>&amp;Exportieren …</translation>
    </message>
    <message>
        <source>Write the filtered image at full resolution</source>
        <translation>Das gefilterte Bild in voller Auflösung schreiben</translation>
    </message>
    <message>
        <source>Export Each &amp;Filter…</source>
        <translation>Jeden &amp;Filter exportieren …</translation>
    </message>
    <message>
        <source>Apply each filter of the reference example to the image and write one file per filter</source>
        <translation>Jeden Filter des Referenzbeispiels auf das Bild anwenden und je Filter eine Datei schreiben</translation>
    </message>
    <message>
        <source>Open Re&amp;cipe…</source>
        <translation>Re&amp;zept öffnen …</translation>
    </message>
    <message>
        <source>Replace the stack with the steps of a recipe file</source>
        <translation>Den Stapel durch die Schritte einer Rezeptdatei ersetzen</translation>
    </message>
    <message>
        <source>Save Reci&amp;pe…</source>
        <translation>Rezept s&amp;peichern …</translation>
    </message>
    <message>
        <source>Write the stack as a recipe file (kernel-studio-cli --recipe reads it)</source>
        <translation>Den Stapel als Rezeptdatei schreiben (kernel-studio-cli --recipe liest sie)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>Close Kernel Studio</source>
        <translation>Kernel Studio schließen</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Cancel opening the file or the export</source>
        <translation>Das Öffnen der Datei oder den Export abbrechen</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Bearbeiten</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Rückgängig</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>&amp;Wiederholen</translation>
    </message>
    <message>
        <source>Re&amp;set Filter</source>
        <translation>Filter &amp;zurücksetzen</translation>
    </message>
    <message>
        <source>Set the filter&apos;s parameters to their defaults</source>
        <translation>Die Parameter des Filters auf ihre Standardwerte setzen</translation>
    </message>
    <message>
        <source>Edit as &amp;Custom Kernel</source>
        <translation>Als &amp;eigenen Kernel bearbeiten</translation>
    </message>
    <message>
        <source>Copy the kernel being applied into the custom kernel grid</source>
        <translation>Den angewendeten Kernel in das Raster des eigenen Kernels kopieren</translation>
    </message>
    <message>
        <source>Re&amp;gion Tool</source>
        <translation>Be&amp;reichswerkzeug</translation>
    </message>
    <message>
        <source>Drag on either pane to limit the filters to a rectangle</source>
        <translation>Auf einer der Ansichten ziehen, um die Filter auf ein Rechteck zu begrenzen</translation>
    </message>
    <message>
        <source>C&amp;lear Region</source>
        <translation>Bereich &amp;löschen</translation>
    </message>
    <message>
        <source>Filter the whole image again</source>
        <translation>Wieder das ganze Bild filtern</translation>
    </message>
    <message>
        <source>&amp;Stack</source>
        <translation>&amp;Stapel</translation>
    </message>
    <message>
        <source>&amp;Presets</source>
        <translation>&amp;Vorgaben</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>Zoom &amp;In</source>
        <translation>Ver&amp;größern</translation>
    </message>
    <message>
        <source>Zoom in</source>
        <translation>Vergrößern</translation>
    </message>
    <message>
        <source>Zoom &amp;Out</source>
        <translation>Ver&amp;kleinern</translation>
    </message>
    <message>
        <source>Zoom out</source>
        <translation>Verkleinern</translation>
    </message>
    <message>
        <source>&amp;Fit to Window</source>
        <translation>In Fenster &amp;einpassen</translation>
    </message>
    <message>
        <source>Show the whole image</source>
        <translation>Das ganze Bild zeigen</translation>
    </message>
    <message>
        <source>&amp;100 %</source>
        <translation>&amp;100 %</translation>
    </message>
    <message>
        <source>One image pixel per screen pixel</source>
        <translation>Ein Bildpixel je Bildschirmpixel</translation>
    </message>
    <message>
        <source>&amp;Side by Side</source>
        <translation>&amp;Nebeneinander</translation>
    </message>
    <message>
        <source>Original and result next to each other</source>
        <translation>Original und Ergebnis nebeneinander</translation>
    </message>
    <message>
        <source>S&amp;plit</source>
        <translation>&amp;Geteilt</translation>
    </message>
    <message>
        <source>One view, original left and result right of a divider</source>
        <translation>Eine Ansicht, Original links und Ergebnis rechts einer Trennlinie</translation>
    </message>
    <message>
        <source>&amp;Difference</source>
        <translation>&amp;Differenz</translation>
    </message>
    <message>
        <source>The amplified difference between result and original</source>
        <translation>Die verstärkte Differenz zwischen Ergebnis und Original</translation>
    </message>
    <message>
        <source>Show &amp;Kernel</source>
        <translation>&amp;Kernel anzeigen</translation>
    </message>
    <message>
        <source>Show S&amp;tack</source>
        <translation>S&amp;tapel anzeigen</translation>
    </message>
    <message>
        <source>Show F&amp;ilter Panel</source>
        <translation>F&amp;ilterbereich anzeigen</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>&amp;Keyboard Shortcuts</source>
        <translation>&amp;Tastenkürzel</translation>
    </message>
    <message>
        <source>List every shortcut</source>
        <translation>Alle Tastenkürzel auflisten</translation>
    </message>
    <message>
        <source>&amp;About Kernel Studio</source>
        <translation>Über &amp;Kernel Studio</translation>
    </message>
    <message>
        <source>About</source>
        <translation>Über</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>Haupt</translation>
    </message>
    <message>
        <source>Image size and depth</source>
        <translation>Bildgröße und Farbtiefe</translation>
    </message>
    <message>
        <source>Zoom</source>
        <translation>Zoom</translation>
    </message>
    <message>
        <source>Pixel under the cursor, before and after</source>
        <translation>Pixel unter dem Mauszeiger, vorher und nachher</translation>
    </message>
    <message>
        <source>Last render time</source>
        <translation>Letzte Berechnungszeit</translation>
    </message>
    <message>
        <source>Render progress</source>
        <translation>Berechnungsfortschritt</translation>
    </message>
    <message>
        <source>Cannot open recipe</source>
        <translation>Rezept kann nicht geöffnet werden</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>%1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>the recipe has no steps</source>
        <translation>das Rezept hat keine Schritte</translation>
    </message>
    <message>
        <source>Open recipe %1</source>
        <translation>Rezept %1 öffnen</translation>
    </message>
    <message numerus="yes">
        <source>Opened %1 (%n step(s))</source>
        <translation>
            <numerusform>%1 geöffnet (%n Schritt)</numerusform>
            <numerusform>%1 geöffnet (%n Schritte)</numerusform>
        </translation>
    </message>
    <message>
        <source>Cannot save recipe</source>
        <translation>Rezept kann nicht gespeichert werden</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>%1 gespeichert</translation>
    </message>
    <message>
        <source>Open Recipe</source>
        <translation>Rezept öffnen</translation>
    </message>
    <message>
        <source>Save Recipe</source>
        <translation>Rezept speichern</translation>
    </message>
    <message>
        <source>Apply preset %1</source>
        <translation>Vorgabe %1 anwenden</translation>
    </message>
    <message>
        <source>opening another file</source>
        <translation>dem Öffnen einer anderen Datei</translation>
    </message>
    <message>
        <source>Cannot open image</source>
        <translation>Bild kann nicht geöffnet werden</translation>
    </message>
    <message>
        <source>Unexported changes</source>
        <translation>Nicht exportierte Änderungen</translation>
    </message>
    <message>
        <source>The filtered result of %1 has not been exported. Export it before %2?</source>
        <translation>Das gefilterte Ergebnis von %1 wurde nicht exportiert. Vor %2 exportieren?</translation>
    </message>
    <message>
        <source>Open Image</source>
        <translation>Bild öffnen</translation>
    </message>
    <message>
        <source>Opening cancelled</source>
        <translation>Öffnen abgebrochen</translation>
    </message>
    <message>
        <source>closing</source>
        <translation>dem Schließen</translation>
    </message>
    <message>
        <source>Full render: %1 ms</source>
        <translation>Volle Berechnung: %1 ms</translation>
    </message>
    <message>
        <source>Preview (reduced): %1 ms</source>
        <translation>Vorschau (verkleinert): %1 ms</translation>
    </message>
    <message>
        <source>%1, %2   before %3   after %4</source>
        <translation>%1, %2   vorher %3   nachher %4</translation>
    </message>
    <message>
        <source>No image</source>
        <translation>Kein Bild</translation>
    </message>
    <message>
        <source>%1 × %2 px, %3, %4</source>
        <translation>%1 × %2 px, %3, %4</translation>
    </message>
    <message>
        <source>Keyboard Shortcuts</source>
        <translation>Tastenkürzel</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Aktion</translation>
    </message>
    <message>
        <source>Shortcut</source>
        <translation>Tastenkürzel</translation>
    </message>
    <message>
        <source>Show the original in the result pane (hold)</source>
        <translation>Original in der Ergebnisansicht zeigen (halten)</translation>
    </message>
    <message>
        <source>Zoom around the cursor</source>
        <translation>Um den Mauszeiger zoomen</translation>
    </message>
    <message>
        <source>Mouse wheel</source>
        <translation>Mausrad</translation>
    </message>
    <message>
        <source>Pan</source>
        <translation>Verschieben</translation>
    </message>
    <message>
        <source>Drag, arrow keys</source>
        <translation>Ziehen, Pfeiltasten</translation>
    </message>
    <message>
        <source>About Kernel Studio</source>
        <translation>Über Kernel Studio</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Kernel Studio %1&lt;/h3&gt;&lt;p&gt;Kernel filters with a live preview: Gaussian, box and motion blur, sharpen, emboss, edge detection and custom kernels.&lt;/p&gt;&lt;p&gt;Licensed under the GNU GPL, version 3 or later.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Kernel Studio %1&lt;/h3&gt;&lt;p&gt;Kernel-Filter mit Live-Vorschau: Gauß-, Box- und Bewegungsunschärfe, Schärfen, Prägen, Kantenerkennung und eigene Kernel.&lt;/p&gt;&lt;p&gt;Lizenziert unter der GNU GPL, Version 3 oder später.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Preview (exact in view): %1 ms</source>
        <translation>Vorschau (exakt im Ausschnitt): %1 ms</translation>
    </message>
    <message>
        <source>Render failed</source>
        <translation>Berechnung fehlgeschlagen</translation>
    </message>
    <message>
        <source>&amp;Close Image</source>
        <translation>Bild &amp;schließen</translation>
    </message>
    <message>
        <source>Close the image (the stack stays)</source>
        <translation>Das Bild schließen (der Stapel bleibt)</translation>
    </message>
    <message>
        <source>&amp;Copy Result</source>
        <translation>Ergebnis &amp;kopieren</translation>
    </message>
    <message>
        <source>Copy the filtered image at full resolution to the clipboard</source>
        <translation>Das gefilterte Bild in voller Auflösung in die Zwischenablage kopieren</translation>
    </message>
    <message>
        <source>&amp;Paste Image</source>
        <translation>Bild &amp;einfügen</translation>
    </message>
    <message>
        <source>Open the image on the clipboard as a new document</source>
        <translation>Das Bild aus der Zwischenablage als neues Dokument öffnen</translation>
    </message>
    <message>
        <source>&amp;Zoom Presets</source>
        <translation>&amp;Zoomstufen</translation>
    </message>
    <message>
        <source>Show &amp;Histogram</source>
        <translation>&amp;Histogramm anzeigen</translation>
    </message>
    <message>
        <source>&amp;Preview</source>
        <translation>&amp;Vorschau</translation>
    </message>
    <message>
        <source>Show the filtered result; off shows the original in its place</source>
        <translation>Das gefilterte Ergebnis zeigen; aus zeigt stattdessen das Original</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>Vorschau</translation>
    </message>
    <message>
        <source>F&amp;ull Screen</source>
        <translation>&amp;Vollbild</translation>
    </message>
    <message>
        <source>Show the window on the whole screen</source>
        <translation>Das Fenster auf dem ganzen Bildschirm zeigen</translation>
    </message>
    <message>
        <source>pasting an image</source>
        <translation>dem Einfügen eines Bildes</translation>
    </message>
    <message>
        <source>Docked panels</source>
        <translation>Angedockte Bereiche</translation>
    </message>
</context>
<context>
    <name>ks::ParamControl</name>
    <message>
        <source>Drag to change %1; the preview follows</source>
        <translation>Ziehen, um %1 zu ändern; die Vorschau folgt</translation>
    </message>
    <message>
        <source> value</source>
        <translation> Wert</translation>
    </message>
    <message>
        <source>Auto (%1)</source>
        <translation>Automatisch (%1)</translation>
    </message>
    <message>
        <source>Auto (%1 px)</source>
        <translation>Automatisch (%1 px)</translation>
    </message>
</context>
<context>
    <name>ks::PresetMenu</name>
    <message>
        <source>Save &amp;Step as Preset…</source>
        <translation>&amp;Schritt als Vorgabe speichern …</translation>
    </message>
    <message>
        <source>Keep the selected step as a preset of your own</source>
        <translation>Den ausgewählten Schritt als eigene Vorgabe behalten</translation>
    </message>
    <message>
        <source>Save Stac&amp;k as Preset…</source>
        <translation>Sta&amp;pel als Vorgabe speichern …</translation>
    </message>
    <message>
        <source>Keep every step of the stack as one preset of your own</source>
        <translation>Alle Schritte des Stapels als eine eigene Vorgabe behalten</translation>
    </message>
    <message>
        <source>&amp;Delete Preset…</source>
        <translation>Vorgabe &amp;löschen …</translation>
    </message>
    <message>
        <source>Delete one of your own presets (built-in ones stay)</source>
        <translation>Eine Ihrer eigenen Vorgaben löschen (mitgelieferte bleiben)</translation>
    </message>
    <message>
        <source>&amp;Import Presets…</source>
        <translation>Vorgaben &amp;importieren …</translation>
    </message>
    <message>
        <source>Add the presets of a presets file to your own</source>
        <translation>Die Vorgaben einer Vorgabendatei zu Ihren eigenen hinzufügen</translation>
    </message>
    <message>
        <source>E&amp;xport Presets…</source>
        <translation>Vorgaben e&amp;xportieren …</translation>
    </message>
    <message>
        <source>Write your own presets to a file</source>
        <translation>Ihre eigenen Vorgaben in eine Datei schreiben</translation>
    </message>
    <message>
        <source>Replace the stack with %1</source>
        <translation>Den Stapel durch %1 ersetzen</translation>
    </message>
    <message>
        <source>(no presets of your own yet)</source>
        <translation>(noch keine eigenen Vorgaben)</translation>
    </message>
    <message>
        <source>&amp;Built-in</source>
        <translation>&amp;Mitgeliefert</translation>
    </message>
    <message>
        <source>&amp;Reference Example</source>
        <translation>&amp;Referenzbeispiel</translation>
    </message>
    <message>
        <source>Cannot save preset</source>
        <translation>Vorgabe kann nicht gespeichert werden</translation>
    </message>
    <message>
        <source>Saved preset %1</source>
        <translation>Vorgabe %1 gespeichert</translation>
    </message>
    <message>
        <source>Save as Preset</source>
        <translation>Als Vorgabe speichern</translation>
    </message>
    <message>
        <source>Preset name:</source>
        <translation>Name der Vorgabe:</translation>
    </message>
    <message>
        <source>Name taken</source>
        <translation>Name vergeben</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is a built-in preset. Choose another name.</source>
        <translation>„%1“ ist eine mitgelieferte Vorgabe. Bitte einen anderen Namen wählen.</translation>
    </message>
    <message>
        <source>Replace preset?</source>
        <translation>Vorgabe ersetzen?</translation>
    </message>
    <message>
        <source>A preset called &quot;%1&quot; exists. Replace it?</source>
        <translation>Eine Vorgabe namens „%1“ existiert. Ersetzen?</translation>
    </message>
    <message>
        <source>Delete Preset</source>
        <translation>Vorgabe löschen</translation>
    </message>
    <message>
        <source>Preset to delete:</source>
        <translation>Zu löschende Vorgabe:</translation>
    </message>
    <message>
        <source>Cannot delete preset</source>
        <translation>Vorgabe kann nicht gelöscht werden</translation>
    </message>
    <message>
        <source>Import Presets</source>
        <translation>Vorgaben importieren</translation>
    </message>
    <message>
        <source>Cannot import presets</source>
        <translation>Vorgaben können nicht importiert werden</translation>
    </message>
    <message numerus="yes">
        <source>Imported %n preset(s)</source>
        <translation>
            <numerusform>%n Vorgabe importiert</numerusform>
            <numerusform>%n Vorgaben importiert</numerusform>
        </translation>
    </message>
    <message>
        <source>Export Presets</source>
        <translation>Vorgaben exportieren</translation>
    </message>
    <message>
        <source>Cannot export presets</source>
        <translation>Vorgaben können nicht exportiert werden</translation>
    </message>
    <message numerus="yes">
        <source>Exported %n preset(s)</source>
        <translation>
            <numerusform>%n Vorgabe exportiert</numerusform>
            <numerusform>%n Vorgaben exportiert</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ks::RecentFiles</name>
    <message>
        <source>&amp;Clear Recent Files</source>
        <translation>Liste &amp;leeren</translation>
    </message>
</context>
<context>
    <name>ks::RenderState</name>
    <message>
        <source>Render state</source>
        <translation>Berechnungsstand</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>Bereit</translation>
    </message>
    <message>
        <source>Rendering…</source>
        <translation>Wird berechnet …</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
</context>
<context>
    <name>ks::StackController</name>
    <message>
        <source>The window: each pixel is computed from the pixels under it, channel by channel; the weights are not used.</source>
        <translation>Das Fenster: Jedes Pixel wird aus den Pixeln darunter berechnet, Kanal für Kanal; die Gewichte werden nicht verwendet.</translation>
    </message>
    <message>
        <source>The spatial weights; each is also weighed by how close a pixel&apos;s colour is to the centre&apos;s.</source>
        <translation>Die räumlichen Gewichte; jedes wird zusätzlich danach gewichtet, wie nah die Farbe eines Pixels der des Zentrums ist.</translation>
    </message>
    <message>
        <source>The blur this filter undoes, normalised to sum 1.</source>
        <translation>Die Unschärfe, die dieser Filter rückgängig macht, auf die Summe 1 normiert.</translation>
    </message>
    <message>
        <source>Switch on %1</source>
        <translation>%1 einschalten</translation>
    </message>
    <message>
        <source>Switch off %1</source>
        <translation>%1 ausschalten</translation>
    </message>
    <message>
        <source>Choose %1</source>
        <translation>%1 wählen</translation>
    </message>
    <message>
        <source>Edit kernel</source>
        <translation>Kernel bearbeiten</translation>
    </message>
    <message>
        <source>Change %1</source>
        <translation>%1 ändern</translation>
    </message>
    <message>
        <source>Set region</source>
        <translation>Bereich festlegen</translation>
    </message>
    <message>
        <source>Clear region</source>
        <translation>Bereich löschen</translation>
    </message>
    <message>
        <source>Edit as custom kernel</source>
        <translation>Als eigenen Kernel bearbeiten</translation>
    </message>
    <message>
        <source>Fit region to the image</source>
        <translation>Bereich an das Bild anpassen</translation>
    </message>
    <message>
        <source>Add %1</source>
        <translation>%1 hinzufügen</translation>
    </message>
    <message>
        <source>Remove %1</source>
        <translation>%1 entfernen</translation>
    </message>
    <message>
        <source>Move %1 up</source>
        <translation>%1 nach oben</translation>
    </message>
    <message>
        <source>Move %1 down</source>
        <translation>%1 nach unten</translation>
    </message>
    <message>
        <source>Set stack opacity to %1 %</source>
        <translation>Deckkraft des Stapels auf %1 % setzen</translation>
    </message>
</context>
<context>
    <name>ks::StackPanel</name>
    <message>
        <source>Filter stack</source>
        <translation>Filterstapel</translation>
    </message>
    <message>
        <source>Filter steps</source>
        <translation>Filterschritte</translation>
    </message>
    <message>
        <source>The filters applied one after the other, top first; Space switches the selected step on or off</source>
        <translation>Die Filter nacheinander angewendet, der oberste zuerst; die Leertaste schaltet den ausgewählten Schritt ein oder aus</translation>
    </message>
    <message>
        <source>&amp;Add Step</source>
        <translation>Schritt &amp;hinzufügen</translation>
    </message>
    <message>
        <source>Add a step after the selected one, with the selected filter at its defaults</source>
        <translation>Einen Schritt nach dem ausgewählten hinzufügen, mit dem ausgewählten Filter in seinen Standardwerten</translation>
    </message>
    <message>
        <source>&amp;Remove Step</source>
        <translation>Schritt &amp;entfernen</translation>
    </message>
    <message>
        <source>Remove the selected step</source>
        <translation>Den ausgewählten Schritt entfernen</translation>
    </message>
    <message>
        <source>Move Step &amp;Up</source>
        <translation>Schritt nach &amp;oben</translation>
    </message>
    <message>
        <source>Run the selected step one earlier</source>
        <translation>Den ausgewählten Schritt einen Platz früher ausführen</translation>
    </message>
    <message>
        <source>Move Step &amp;Down</source>
        <translation>Schritt nach &amp;unten</translation>
    </message>
    <message>
        <source>Run the selected step one later</source>
        <translation>Den ausgewählten Schritt einen Platz später ausführen</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>Hinzufügen</translation>
    </message>
    <message>
        <source>Add step</source>
        <translation>Schritt hinzufügen</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <source>Remove step</source>
        <translation>Schritt entfernen</translation>
    </message>
    <message>
        <source>Up</source>
        <translation>Hoch</translation>
    </message>
    <message>
        <source>Move step up</source>
        <translation>Schritt nach oben</translation>
    </message>
    <message>
        <source>Down</source>
        <translation>Runter</translation>
    </message>
    <message>
        <source>Move step down</source>
        <translation>Schritt nach unten</translation>
    </message>
    <message>
        <source>%1×%2 kernel</source>
        <translation>%1×%2-Kernel</translation>
    </message>
    <message>
        <source>%1 auto</source>
        <translation>%1 automatisch</translation>
    </message>
    <message>
        <source>region only</source>
        <translation>nur Bereich</translation>
    </message>
    <message>
        <source>on</source>
        <translation>an</translation>
    </message>
    <message>
        <source>off</source>
        <translation>aus</translation>
    </message>
    <message>
        <source>How much of the whole stack&apos;s result to show over the original</source>
        <translation>Wie viel vom Ergebnis des ganzen Stapels über dem Original gezeigt wird</translation>
    </message>
    <message>
        <source>Stack opacit&amp;y:</source>
        <translation>Deckkraft des S&amp;tapels:</translation>
    </message>
</context>
<context>
    <name>ks::SvgSizeDialog</name>
    <message>
        <source>Rasterise SVG</source>
        <translation>SVG rastern</translation>
    </message>
    <message>
        <source>%1 would be %2 × %3 pixels at its own size, more than the limit of %4 megapixels. Rasterise it at this size instead:</source>
        <translation>%1 hätte in eigener Größe %2 × %3 Pixel, mehr als die Grenze von %4 Megapixeln. Stattdessen in dieser Größe rastern:</translation>
    </message>
    <message>
        <source> px</source>
        <translation> px</translation>
    </message>
    <message>
        <source>Width in pixels</source>
        <translation>Breite in Pixeln</translation>
    </message>
    <message>
        <source>Height in pixels</source>
        <translation>Höhe in Pixeln</translation>
    </message>
    <message>
        <source>&amp;Width:</source>
        <translation>&amp;Breite:</translation>
    </message>
    <message>
        <source>&amp;Height:</source>
        <translation>&amp;Höhe:</translation>
    </message>
</context>
<context>
    <name>ks::TaskStatus</name>
    <message>
        <source>Running task</source>
        <translation>Laufende Aufgabe</translation>
    </message>
    <message>
        <source>Task progress</source>
        <translation>Aufgabenfortschritt</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Cancel the running task</source>
        <translation>Die laufende Aufgabe abbrechen</translation>
    </message>
    <message>
        <source>Cancel (Esc)</source>
        <translation>Abbrechen (Esc)</translation>
    </message>
</context>
<context>
    <name>ks::ZoomPresets</name>
    <message>
        <source>Zoom level</source>
        <translation>Zoomstufe</translation>
    </message>
    <message>
        <source>Zoom: pick a preset or type a percentage and press Enter</source>
        <translation>Zoom: eine Stufe wählen oder einen Prozentwert eingeben und Enter drücken</translation>
    </message>
    <message>
        <source>Zoom to %1</source>
        <translation>Auf %1 zoomen</translation>
    </message>
</context>
</TS>
