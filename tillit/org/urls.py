from django.urls import path

from tillit.org import views

app_name = "org"
urlpatterns = [
    path("", views.unit_list, name="unit_list"),
    path("ny/", views.unit_new, name="unit_new"),
    path("utforare/", views.provider_list, name="provider_list"),
    path("utforare/<int:pk>/villkor/", views.provider_terms, name="provider_terms"),
    path("<int:pk>/", views.unit_detail, name="unit_detail"),
    path("<int:pk>/andra/", views.unit_edit, name="unit_edit"),
    path("<int:pk>/flytta/", views.unit_move_view, name="unit_move"),
    path("<int:pk>/stang/", views.unit_close_view, name="unit_close"),
    path("<int:pk>/oppna/", views.unit_reopen_view, name="unit_reopen"),
]
