"""PlantUML: the one neutralising function for user text in any diagram label (Salt, flow maps, Gantt,
sequence, class, state and every diagram kind to come).

PlantUML runs its preprocessor over the whole text of every diagram before the diagram is parsed:
`!include`, `!theme`, `!define`… at the start of a line and `%getenv()`, `%load_json()`, `%filename()`…
and `$variables` anywhere, inside labels too. `plantuml_label` makes any text inert in every label
position: one line, a zero-width space after each preprocessor sigil (`!`, `%x`, `$x`), no Creole markup,
no character that closes a label or opens a widget (`"`, `[`, `]`, `{`, `}`, `|`, `<`, `>`), no
`@start`/`@end` line, and a zero-width space in front when the first character would mean a Salt widget,
a comment or a directive at the start of a line. The text reads the same; nothing in it is evaluated.
"""

from __future__ import annotations

import re

ZWSP = "\u200b"  # zero-width space: invisible, breaks every keyword and sigil it is put in

# PlantUML syntax characters -> look-alikes that read the same
_CHARS = str.maketrans(
    {
        "\\": "/",  # `\n` and escapes
        '"': "'",
        "<": "‹",
        ">": "›",
        "[": "(",
        "]": ")",
        "{": "(",
        "}": ")",
        "|": "/",
        "#": "♯",  # colours (#red) and Salt's grid
        "`": "ˋ",  # Salt's code fence
        "~": "∼",  # Creole's escape character
    }
)
# the preprocessor's sigils: `!` (directives, `!$x =`) always; `%` (builtin functions `%x()`), `$` (variables)
# and `@` (`@enduml`) when a name follows: "60 %" or "10 $" stay as they are
_SIGILS = re.compile(r"(!|[%$@](?=[\w$%!@]))")
_CREOLE_PAIRS = ("**", "//", "__", "--", "==", "^^", "''", ",,")
# a first character that means something at the start of a Salt cell or of a line
_LEADING = frozenset("!'%$^.=-~*+([{<>/\\&|\"#@:;,?")


def plantuml_label(text: object) -> str:
    """Any text, shown as itself in a PlantUML label of any diagram kind, never evaluated."""
    value = " ".join(str(text).split()).translate(_CHARS)
    value = _SIGILS.sub(r"\1" + ZWSP, value)
    for pair in _CREOLE_PAIRS:
        while pair in value:
            value = value.replace(pair, pair[0] + ZWSP + pair[1])
    if value[:1] in _LEADING:
        value = ZWSP + value
    return value


def shown(label: str) -> str:
    """The text a label shows (for tests and checks): `plantuml_label` without its invisible spaces."""
    return label.replace(ZWSP, "")


# Every builtin function and directive of PlantUML's preprocessor (from the pinned jar's
# net.sourceforge.plantuml.tim package, 1.2026.8, and plantuml.com/preprocessing): the tests feed
# each of them, in every diagram kind's labels, to the real jar.
BUILTIN_FUNCTIONS = (
    "%and", "%backslash", "%boolval", "%breakline", "%call_user_func", "%chr", "%darken", "%date",
    "%dec2hex", "%dirpath", "%dollar", "%eval", "%false", "%feature", "%file_exists", "%filedate",
    "%filename", "%filename_no_extension", "%function_exists", "%get_all_stdlib", "%get_all_theme",
    "%get_current_theme", "%get_json_keys", "%get_json_type", "%get_stdlib", "%get_variable_value",
    "%getenv", "%hex2dec", "%hsl_color", "%intval", "%invoke_procedure", "%is_dark", "%is_light",
    "%json_add", "%json_key_exists", "%json_merge", "%json_remove", "%json_set", "%left_align",
    "%lighten", "%load_json", "%lower", "%mod", "%n", "%nand", "%newline", "%nor", "%not", "%now",
    "%nxor", "%or", "%ord", "%percent", "%random", "%retrieve_procedure", "%reverse_color",
    "%reverse_hsluv_color", "%right_align", "%set_variable_value", "%size", "%splitstr",
    "%splitstr_regex", "%str2json", "%string", "%strlen", "%strpos", "%substr", "%tab", "%true",
    "%upper", "%variable_exists", "%version", "%xargs", "%xor",
)  # fmt: skip
DIRECTIVES = (
    "!assert", "!define", "!definelong", "!dump_memory", "!else", "!elseif", "!end", "!enddefinelong",
    "!endfor", "!endfunction", "!endif", "!endprocedure", "!endsub", "!endwhile", "!exit", "!final",
    "!foreach", "!function", "!global", "!if", "!ifdef", "!ifndef", "!import", "!include",
    "!include_many", "!include_once", "!include_sprites", "!includedef", "!includesub", "!includeurl",
    "!local", "!log", "!option", "!pragma", "!procedure", "!return", "!startsub", "!theme",
    "!unquoted", "!undef", "!while", "!$variable",
)  # fmt: skip
