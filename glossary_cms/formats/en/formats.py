# Dates and times in the admin name their time zone ("T"), so a schedule is never ambiguous.
DATETIME_FORMAT = "N j, Y, H:i:s T"
SHORT_DATETIME_FORMAT = "Y-m-d H:i T"
DATE_FORMAT = "N j, Y"
TIME_FORMAT = "H:i:s T"
