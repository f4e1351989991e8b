from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from .models import Pillar


@admin.register(Pillar)
class PillarAdmin(TranslationAdmin):
    list_display = ["name", "slug", "order"]
    ordering = ["order"]
