#!/usr/bin/env python3
"""Turn `tmux capture-pane -e -p` output (text with SGR escape codes) into an
HTML page that looks like the terminal: monospace, dark background, the
xterm 256-colour palette and 24-bit colours, bold/italic/underline/reverse.

    ansi2html.py capture.txt out.html [--cols N] [--cursor X,Y] [--title T]
    ansi2html.py --trim raw.png out.png    # crop the page margin, 128 colours (Pillow)

--cursor draws a block cursor at 0-based column X, row Y (tmux's cursor_x,
cursor_y); --cols pads every row to N cells so the page is a clean rectangle.
"""
import argparse
import html
import re
import unicodedata

FG, BG = "#d4d4d4", "#1c1c1c"
# xterm's 16 system colours (a slightly softened set that reads well on dark)
BASE16 = [
    "#1c1c1c", "#d75f5f", "#87af5f", "#d7af5f", "#5f87d7", "#af87d7", "#5fafaf", "#c6c6c6",
    "#6c6c6c", "#ff8787", "#afd787", "#ffd787", "#87afff", "#d7afff", "#87d7d7", "#ffffff",
]


def xterm256(n):
    if n < 16:
        return BASE16[n]
    if n < 232:
        n -= 16
        steps = [0, 95, 135, 175, 215, 255]
        return "#%02x%02x%02x" % (steps[n // 36], steps[(n // 6) % 6], steps[n % 6])
    v = 8 + 10 * (n - 232)
    return "#%02x%02x%02x" % (v, v, v)


class Style:
    def __init__(self):
        self.reset()

    def reset(self):
        self.fg = self.bg = None
        self.bold = self.italic = self.underline = self.reverse = False

    def key(self):
        return (self.fg, self.bg, self.bold, self.italic, self.underline, self.reverse)

    def apply(self, params):
        ps = [int(p) if p else 0 for p in params.split(";")] if params else [0]
        i = 0
        while i < len(ps):
            p = ps[i]
            if p == 0:
                self.reset()
            elif p == 1:
                self.bold = True
            elif p == 3:
                self.italic = True
            elif p in (4, 21):
                self.underline = True
            elif p == 7:
                self.reverse = True
            elif p == 22:
                self.bold = False
            elif p == 23:
                self.italic = False
            elif p == 24:
                self.underline = False
            elif p == 27:
                self.reverse = False
            elif 30 <= p <= 37:
                self.fg = BASE16[p - 30]
            elif 90 <= p <= 97:
                self.fg = BASE16[p - 90 + 8]
            elif 40 <= p <= 47:
                self.bg = BASE16[p - 40]
            elif 100 <= p <= 107:
                self.bg = BASE16[p - 100 + 8]
            elif p == 39:
                self.fg = None
            elif p == 49:
                self.bg = None
            elif p in (38, 48) and i + 1 < len(ps):
                if ps[i + 1] == 5 and i + 2 < len(ps):
                    colour = xterm256(ps[i + 2])
                    i += 2
                elif ps[i + 1] == 2 and i + 4 < len(ps):
                    colour = "#%02x%02x%02x" % tuple(ps[i + 2:i + 5])
                    i += 4
                else:
                    colour = None
                if p == 38:
                    self.fg = colour
                else:
                    self.bg = colour
            i += 1


def css(key, cursor=False):
    fg, bg, bold, italic, underline, reverse = key
    fg, bg = fg or FG, bg or BG
    if reverse != cursor:
        fg, bg = bg, fg
    out = []
    if fg != FG:
        out.append("color:" + fg)
    if bg != BG:
        out.append("background:" + bg)
    if bold:
        out.append("font-weight:bold")
    if italic:
        out.append("font-style:italic")
    if underline:
        out.append("text-decoration:underline")
    return ";".join(out)


SGR = re.compile(r"\x1b\[([0-9;]*)m|\x1b\[[0-9;?]*[A-Za-z]|\x1b[()][0-9A-Za-z]")


def cells(line, style):
    """Yield (char, style key) per terminal cell (wide characters take two)."""
    pos = 0
    for m in SGR.finditer(line):
        for ch in line[pos:m.start()]:
            yield ch, style.key()
        if m.group(0).endswith("m") and m.group(1) is not None:
            style.apply(m.group(1))
        pos = m.end()
    for ch in line[pos:]:
        yield ch, style.key()


def width(ch):
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def trim(src, dst, margin=16, colours=128):
    from PIL import Image, ImageChops

    img = Image.open(src).convert("RGB")
    page = Image.new("RGB", img.size, img.getpixel((0, 0)))
    box = ImageChops.difference(img, page).getbbox()
    if box:
        box = (max(box[0] - margin, 0), max(box[1] - margin, 0),
               min(box[2] + margin, img.width), min(box[3] + margin, img.height))
        img = img.crop(box)
    img.quantize(colours, dither=Image.Dither.NONE).save(dst, optimize=True)


def main():
    import sys

    if len(sys.argv) == 4 and sys.argv[1] == "--trim":
        return trim(sys.argv[2], sys.argv[3])
    ap = argparse.ArgumentParser()
    ap.add_argument("capture")
    ap.add_argument("out")
    ap.add_argument("--cols", type=int, default=0)
    ap.add_argument("--cursor", default="")
    ap.add_argument("--title", default="")
    ap.add_argument("--font-size", type=float, default=15)
    a = ap.parse_args()

    cur = tuple(int(v) for v in a.cursor.split(",")) if a.cursor else None
    text = open(a.capture, encoding="utf-8", errors="replace").read()
    rows = text.split("\n")
    if rows and rows[-1] == "":
        rows.pop()

    style = Style()
    body = []
    for y, line in enumerate(rows):
        row = []  # (char, key, is_cursor)
        col = 0
        for ch, key in cells(line, style):
            row.append((ch, key, cur == (col, y)))
            col += width(ch)
        # tmux trims trailing blanks; fill up to --cols with the default background
        while col < a.cols:
            row.append((" ", (None, None, False, False, False, False), cur == (col, y)))
            col += 1
        # every row starts from the default background at the next line in tmux's output
        spans, run, runkey = [], "", None
        for ch, key, is_cur in row:
            k = (key, is_cur)
            if k != runkey and run:
                spans.append((runkey, run))
                run = ""
            runkey = k
            run += ch
        if run:
            spans.append((runkey, run))
        out = []
        for (key, is_cur), s in spans:
            st = css(key, is_cur)
            s = html.escape(s)
            out.append('<span style="%s">%s</span>' % (st, s) if st else s)
        body.append('<div class="row">%s</div>' % "".join(out))

    title = ('<div class="bar"><i></i><i></i><i></i><span>%s</span></div>'
             % html.escape(a.title)) if a.title else ""
    page = """<!doctype html>
<html><head><meta charset="utf-8"><style>
html, body {{ margin: 0; background: #0d1117; }}
.win {{ display: inline-block; margin: 16px; border-radius: 8px; overflow: hidden;
        box-shadow: 0 0 0 1px #30363d; background: {bg}; }}
.bar {{ height: 28px; background: #2d2d2d; display: flex; align-items: center; padding: 0 10px;
        font: 13px "DejaVu Sans", sans-serif; color: #aaa; }}
.bar i {{ width: 12px; height: 12px; border-radius: 50%; background: #5a5a5a; margin-right: 7px; }}
.bar span {{ margin-left: 10px; }}
pre {{ margin: 0; padding: 8px 10px; color: {fg}; background: {bg};
       font-family: "DejaVu Sans Mono", "Liberation Mono", monospace;
       font-size: {fs}px; line-height: 1.17; font-variant-ligatures: none; }}
/* each row a block, each run of one style fills the row's full height (no gaps
   between rows with the same background, e.g. in a floating window) */
.row {{ height: 1.17em; white-space: pre; }}
.row span {{ display: inline-block; height: 100%; vertical-align: top; }}
</style></head><body><div class="win">{title}<pre>{rows}</pre></div></body></html>
""".format(bg=BG, fg=FG, fs=a.font_size, title=title, rows="".join(body))
    open(a.out, "w", encoding="utf-8").write(page)


if __name__ == "__main__":
    main()
