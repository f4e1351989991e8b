# "29 novembre 2026" and "29 novembre 2026 17:30" in words, Django's own French formats; a short
# date in numbers is written as Canada writes it, year first: "2026-11-29" (not France's
# "29/11/2026"), and it is the first date a form reads and offers (an <input type="date"> needs
# it too).
DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y H:i"
SHORT_DATE_FORMAT = "Y-m-d"
SHORT_DATETIME_FORMAT = "Y-m-d H:i"
DATE_INPUT_FORMATS = [
    "%Y-%m-%d",  # '2026-11-29'
    "%d/%m/%Y",  # '29/11/2026', still read
    "%d/%m/%y",  # '29/11/26', still read
]
DATETIME_INPUT_FORMATS = [
    "%Y-%m-%d %H:%M:%S",  # '2026-11-29 17:30:59'
    "%Y-%m-%d %H:%M:%S.%f",  # '2026-11-29 17:30:59.000200'
    "%Y-%m-%d %H:%M",  # '2026-11-29 17:30'
    "%d/%m/%Y %H:%M:%S",
    "%d/%m/%Y %H:%M:%S.%f",
    "%d/%m/%Y %H:%M",
]
