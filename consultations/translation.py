"""Consultations keep their texts per language in JSON ({language: text}), since the languages
offered vary beyond English and French; modeltranslation has nothing to add here. History is
registered here, like in the other apps, so staff can see who changed a consultation."""

from simple_history import register as register_history

from .models import Consultation, Question

register_history(Consultation, app="consultations")
register_history(Question, app="consultations")
