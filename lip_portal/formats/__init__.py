"""How the portal writes dates, one way per language (settings.FORMAT_MODULE_PATH).

Django's short formats ("11/29/2026") are the long ones here, so that a page, an email and the
back office never write the same day two ways.
"""
