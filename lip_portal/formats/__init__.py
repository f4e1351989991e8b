"""How the portal writes dates, one way per language (settings.FORMAT_MODULE_PATH).

In English, Django's short formats ("11/29/2026") are the long ones here, so that a page, an
email and the back office never write the same day two ways. In French, a date in numbers is
Canada's "2026-11-29", never France's "29/11/2026".
"""
